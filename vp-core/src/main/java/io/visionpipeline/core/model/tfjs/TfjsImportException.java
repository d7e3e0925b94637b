package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.VisionPipelineException;

/**
 * A TF.js model cannot be imported: a file is malformed or truncated (the message names it), or
 * the model uses an operation or layer the importer does not support (the message names the
 * operation and the node).
 *
 * @since 0.1
 */
public class TfjsImportException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, naming the file and, for graphs, the node
     */
    public TfjsImportException(String message) {
        super(message);
    }

    /**
     * @param message what is wrong, naming the file
     * @param cause   the underlying failure
     */
    public TfjsImportException(String message, Throwable cause) {
        super(message, cause);
    }
}
