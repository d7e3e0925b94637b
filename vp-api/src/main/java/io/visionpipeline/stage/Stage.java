package io.visionpipeline.stage;

/**
 * Base of every analysis stage. A stage may hold native memory (model sessions), so it is
 * {@link AutoCloseable}; closing releases it deterministically.
 *
 * @since 0.1
 */
public interface Stage extends AutoCloseable {

    /**
     * @return a short description of the model in use, for reports, e.g. {@code blazeface-short (128x128)}
     */
    String modelName();

    /**
     * Whether {@code process} may be called from several threads at once on this instance. ONNX
     * Runtime sessions are thread-safe; stages on engines that are not (Tesseract) say false and the
     * engine gives each thread its own instance.
     *
     * @return true when concurrent calls are safe
     */
    default boolean isThreadSafe() {
        return true;
    }

    /**
     * Releases native resources. Idempotent.
     */
    @Override
    default void close() {
    }
}
