package io.visionpipeline.llm;

import io.visionpipeline.VisionPipelineException;

/**
 * A language model failed: the server cannot be reached, answered with an error after the
 * retries, or sent something that is not a valid answer; or a local model cannot be loaded. The
 * message names the model or endpoint (never the API key) and the problem.
 *
 * @since 0.1
 */
public class LanguageModelException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the model or endpoint
     */
    public LanguageModelException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the model or endpoint
     * @param cause   the underlying failure
     */
    public LanguageModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
