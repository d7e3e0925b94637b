package io.visionpipeline;

/**
 * Root of every exception VisionPipeline throws on purpose.
 *
 * <p>Each subclass names the input and the problem and, where there is one, what to do about it:
 * {@link io.visionpipeline.media.MediaDecodeException} (a file cannot be read),
 * {@link io.visionpipeline.model.ModelUnavailableException} (a model file is missing or corrupt),
 * {@link io.visionpipeline.stage.StageException} (a stage failed on an input). Catch this type to
 * handle all of them at once:
 *
 * <pre>{@code
 * try {
 *     MediaReport report = pipeline.analyze(Path.of("upload.mp4"));
 * } catch (VisionPipelineException e) {
 *     response.status(422).body(e.getMessage());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class VisionPipelineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what went wrong, naming the input
     */
    public VisionPipelineException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong, naming the input
     * @param cause   the underlying failure
     */
    public VisionPipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
