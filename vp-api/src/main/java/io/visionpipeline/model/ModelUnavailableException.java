package io.visionpipeline.model;

import io.visionpipeline.VisionPipelineException;

/**
 * A model file cannot be had: it is not cached, downloads are not allowed or failed, or its
 * checksum does not match. The message names the model, the file and exactly where to put it.
 *
 * @since 0.1
 */
public class ModelUnavailableException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    private final String modelId;

    /**
     * @param modelId the model's id, e.g. {@code blazeface-short}
     * @param message what is missing and how to get it
     */
    public ModelUnavailableException(String modelId, String message) {
        super(message);
        this.modelId = modelId;
    }

    /**
     * @param modelId the model's id
     * @param message what is missing and how to get it
     * @param cause   the underlying failure
     */
    public ModelUnavailableException(String modelId, String message, Throwable cause) {
        super(message, cause);
        this.modelId = modelId;
    }

    /** @return the model's id */
    public String modelId() {
        return modelId;
    }
}
