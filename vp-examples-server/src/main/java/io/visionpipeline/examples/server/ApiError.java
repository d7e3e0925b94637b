package io.visionpipeline.examples.server;

import java.io.Serial;

/**
 * A request the server answers with an error status and a JSON body {@code {"status": 422, "error": "..."}}.
 */
final class ApiError extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String type;

    /**
     * @param status  the HTTP status
     * @param type    a short machine-readable kind, also the metrics tag (e.g. {@code bad_media})
     * @param message what went wrong and what to do, for people
     */
    ApiError(int status, String type, String message) {
        super(message);
        this.status = status;
        this.type = type;
    }

    int status() {
        return status;
    }

    String type() {
        return type;
    }
}
