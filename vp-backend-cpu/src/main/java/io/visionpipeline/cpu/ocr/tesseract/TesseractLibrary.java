package io.visionpipeline.cpu.ocr.tesseract;

import com.sun.jna.Library;
import com.sun.jna.Native;
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
 * threads only fight over the cores: a known 10–30× slowdown. OpenMP reads its thread limit once,
 * from the environment, when libgomp is loaded; so before the first load this class sets
 * {@value #OMP_THREAD_LIMIT}={@value #DEFAULT_OMP_THREAD_LIMIT} in the process environment, unless
 * the variable is already set (then the user's value wins). If libgomp was loaded earlier by
 * another library with no limit, a warning says to start the JVM with the variable set.
 */
public final class TesseractLibrary {
    /** The OpenMP environment variable that caps its threads. */
    public static final String OMP_THREAD_LIMIT = "OMP_THREAD_LIMIT";
    /** The cap set when the environment has none. */
    public static final String DEFAULT_OMP_THREAD_LIMIT = "1";
    /** The oldest libtesseract major version tess4j 5 works with. */
    static final int MIN_MAJOR_VERSION = 5;
    private static final Logger LOG = LoggerFactory.getLogger(TesseractLibrary.class);

    private static volatile TessAPI api;
    private static volatile Availability availability;
    private static volatile String version = "";

    private TesseractLibrary() {
    }

    /** The C library's {@code setenv}. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** The part of libgomp's API used to check the thread limit. */
    private interface GompLibrary extends Library {
        int omp_get_thread_limit();
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
        limitOpenMpThreads();
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

    private static void limitOpenMpThreads() {
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            if (c.getenv(OMP_THREAD_LIMIT) == null) {
                c.setenv(OMP_THREAD_LIMIT, DEFAULT_OMP_THREAD_LIMIT, 0);
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Cannot set {} in the process environment ({}); set it before starting the JVM", OMP_THREAD_LIMIT, e.toString());
        }
    }

    private static void checkOpenMpLimit() {
        int limit;
        try {
            limit = Native.load("gomp", GompLibrary.class).omp_get_thread_limit();
        } catch (LinkageError | RuntimeException e) {
            return; // libtesseract built without OpenMP
        }
        if (limit > 1 && System.getenv(OMP_THREAD_LIMIT) == null) {
            LOG.warn("OpenMP was loaded before Tesseract without a thread limit ({} threads): each Tesseract engine may "
                    + "start several spinning threads and run many times slower. Start the JVM with {}=1 in its environment.",
                    limit, OMP_THREAD_LIMIT);
        }
    }
}
