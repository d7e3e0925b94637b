package io.visionpipeline.stage;

import io.visionpipeline.VisionPipelineException;

/**
 * A stage failed: it cannot be created (unknown or unavailable provider) or its model failed on an
 * input. The message names the stage and, where known, the media.
 *
 * @since 0.1
 */
public class StageException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the stage
     */
    public StageException(String message) {
        super(message);
    }

    /**
     * @param message what failed, naming the stage
     * @param cause   the underlying failure
     */
    public StageException(String message, Throwable cause) {
        super(message, cause);
    }
}
