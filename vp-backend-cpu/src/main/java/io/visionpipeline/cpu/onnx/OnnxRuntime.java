package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtLoggingLevel;
import io.visionpipeline.stage.Availability;

/**
 * The process-wide ONNX Runtime environment, created once with warnings routed away from stderr.
 */
public final class OnnxRuntime {
    private static volatile OrtEnvironment environment;
    private static volatile Availability availability;

    private OnnxRuntime() {
    }

    /**
     * @return the shared environment
     * @throws IllegalStateException when ONNX Runtime's native library cannot be loaded
     */
    public static OrtEnvironment environment() {
        OrtEnvironment env = environment;
        if (env == null) {
            synchronized (OnnxRuntime.class) {
                if (environment == null) {
                    try {
                        environment = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "visionpipeline");
                    } catch (RuntimeException | LinkageError e) {
                        throw new IllegalStateException("ONNX Runtime cannot be loaded on this machine: " + e, e);
                    }
                }
                env = environment;
            }
        }
        return env;
    }

    /**
     * @return whether ONNX Runtime loads here; never throws
     */
    public static Availability availability() {
        Availability a = availability;
        if (a == null) {
            try {
                environment();
                a = Availability.AVAILABLE;
            } catch (IllegalStateException e) {
                a = Availability.unavailable(e.getMessage() + " (ONNX Runtime 1.29 needs x86_64 or aarch64 Linux with glibc 2.28+, macOS or Windows)");
            }
            availability = a;
        }
        return a;
    }
}
