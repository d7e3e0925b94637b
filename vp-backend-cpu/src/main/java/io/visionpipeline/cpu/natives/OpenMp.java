package io.visionpipeline.cpu.natives;

import com.sun.jna.Library;
import com.sun.jna.Native;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide OpenMP thread limit of the native libraries built with OpenMP (libtesseract,
 * whisper.cpp's ggml). The executor already runs one task per compute thread; OpenMP teams on top
 * of that only fight over the cores (Tesseract's spinning threads are a known 10–30× slowdown).
 * OpenMP reads its limit once, from the environment, when libgomp initialises, so every loader of
 * such a library calls {@link #limitBeforeLoading()} first: it sets
 * {@value #OMP_THREAD_LIMIT}={@value #DEFAULT_LIMIT} in the process environment unless the variable
 * is already set (then the user's value wins).
 */
public final class OpenMp {
    /** The OpenMP environment variable that caps its threads. */
    public static final String OMP_THREAD_LIMIT = "OMP_THREAD_LIMIT";
    /** The cap set when the environment has none. */
    public static final String DEFAULT_LIMIT = "1";
    private static final Logger LOG = LoggerFactory.getLogger(OpenMp.class);

    private OpenMp() {
    }

    /** The C library's environment functions. */
    private interface CLibrary extends Library {
        int setenv(String name, String value, int overwrite);

        String getenv(String name);
    }

    /** The part of libgomp's API that reports the limit. */
    private interface GompLibrary extends Library {
        int omp_get_thread_limit();
    }

    /** Sets the limit in the process environment if nobody did; call before loading an OpenMP library. */
    public static synchronized void limitBeforeLoading() {
        try {
            CLibrary c = Native.load("c", CLibrary.class);
            if (c.getenv(OMP_THREAD_LIMIT) == null) {
                c.setenv(OMP_THREAD_LIMIT, DEFAULT_LIMIT, 0);
            }
        } catch (LinkageError | RuntimeException e) {
            LOG.debug("Cannot set {} in the process environment ({}); set it before starting the JVM", OMP_THREAD_LIMIT, e.toString());
        }
    }

    /**
     * @return libgomp's thread limit in this process, or -1 when libgomp is not loaded here
     */
    public static int threadLimit() {
        try {
            return Native.load("gomp", GompLibrary.class).omp_get_thread_limit();
        } catch (LinkageError | RuntimeException e) {
            return -1;
        }
    }
}
