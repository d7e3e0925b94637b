package io.visionpipeline.cpu.ocr.tesseract;

import io.visionpipeline.cpu.natives.OpenMp;
import io.visionpipeline.stage.Availability;
import net.sourceforge.tess4j.TessAPI;
import net.sourceforge.tess4j.util.LoadLibs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The system's libtesseract, loaded once through tess4j's JNA binding, with OpenMP held to one
 * thread per engine.
 *
 * <p>libtesseract is built with OpenMP: every engine starts up to four OpenMP threads per page
 * that spin while they wait. The pipeline already runs one engine per compute thread, so those
 * threads only fight over the cores: a known 10–30× slowdown. Before the first load the limit is
 * set through {@link OpenMp#limitBeforeLoading()}; if libgomp was initialised earlier by a library
 * that did not do so, a warning says to start the JVM with {@code OMP_THREAD_LIMIT=1} set.
 */
public final class TesseractLibrary {
    /** The oldest libtesseract major version tess4j 5 works with. */
    static final int MIN_MAJOR_VERSION = 5;
    private static final Logger LOG = LoggerFactory.getLogger(TesseractLibrary.class);

    private static volatile TessAPI api;
    private static volatile Availability availability;
    private static volatile String version = "";

    private TesseractLibrary() {
    }

    /**
     * @return whether libtesseract 5 loads here, and if not, how to install it; never throws
     */
    public static Availability availability() {
        Availability a = availability;
        if (a == null) {
            synchronized (TesseractLibrary.class) {
                a = availability;
                if (a == null) {
                    a = load();
                    availability = a;
                }
            }
        }
        return a;
    }

    /**
     * @return the binding
     * @throws IllegalStateException saying how to install libtesseract when it cannot be loaded
     */
    static TessAPI api() {
        Availability a = availability();
        if (!a.available()) {
            throw new IllegalStateException(a.reason());
        }
        return api;
    }

    /** @return the loaded library's version, e.g. {@code 5.3.0}, empty before loading */
    public static String version() {
        return version;
    }

    private static Availability load() {
        OpenMp.limitBeforeLoading();
        TessAPI loaded;
        String v;
        try {
            loaded = LoadLibs.getTessAPIInstance();
            v = loaded.TessVersion();
        } catch (LinkageError | RuntimeException e) {
            String why = String.valueOf(e.getMessage()).lines().findFirst().orElse(e.toString()).replaceAll(":$", "");
            return Availability.unavailable("libtesseract " + MIN_MAJOR_VERSION + " cannot be loaded (" + why
                    + "). Install it: 'sudo apt-get install tesseract-ocr' on Debian/Ubuntu, 'sudo dnf install tesseract' on "
                    + "Fedora, 'brew install tesseract' on macOS; or use the 'ppocr' provider, which needs no system library");
        }
        int major = majorVersion(v);
        if (major < MIN_MAJOR_VERSION) {
            return Availability.unavailable("libtesseract " + v + " is too old: tess4j 5 needs version " + MIN_MAJOR_VERSION
                    + " or later (Debian 12 / Ubuntu 22.04 ship it as tesseract-ocr)");
        }
        api = loaded;
        version = v;
        checkOpenMpLimit();
        LOG.debug("libtesseract {} loaded", v);
        return Availability.AVAILABLE;
    }

    static int majorVersion(String version) {
        try {
            return Integer.parseInt(version.strip().split("[^0-9]", 2)[0]);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static void checkOpenMpLimit() {
        int limit = OpenMp.threadLimit();
        if (limit > 1 && System.getenv(OpenMp.OMP_THREAD_LIMIT) == null) {
            LOG.warn("OpenMP was loaded before Tesseract without a thread limit ({} threads): each Tesseract engine may "
                    + "start several spinning threads and run many times slower. Start the JVM with {}=1 in its environment.",
                    limit, OpenMp.OMP_THREAD_LIMIT);
        }
    }
}
