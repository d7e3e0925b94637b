package io.visionpipeline.redis.queue;

import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Why a job failed on a worker, as it travels back to the submitter.
 *
 * @param type    the exception's class name, e.g. {@code io.visionpipeline.media.MediaDecodeException}
 * @param message its message
 * @param worker  the worker it failed on
 * @since 0.1
 */
public record JobError(String type, String message, String worker) {

    /** Validates the fields. */
    public JobError {
        Objects.requireNonNull(type, "type");
        message = message == null ? "" : message;
        worker = worker == null ? "" : worker;
    }

    /**
     * @param error  what was thrown (completion wrappers are unwrapped)
     * @param worker the worker
     * @return its description
     */
    public static JobError of(Throwable error, String worker) {
        Throwable e = error;
        while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String message = e.getMessage() != null ? e.getMessage() : e.toString();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message + " (caused by " + cause + ")";
        }
        return new JobError(e.getClass().getName(), message, worker);
    }

    @Override
    public String toString() {
        return type.substring(type.lastIndexOf('.') + 1) + ": " + message;
    }
}
