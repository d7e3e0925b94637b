package io.visionpipeline.executor;

/**
 * Receives progress events, from the executor's threads: keep it quick and thread-safe.
 *
 * <pre>{@code
 * ProgressListener bar = p -> System.err.printf("\r%s %3.0f%%", p.mediaId(), 100 * p.fraction());
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface ProgressListener {

    /** A listener that ignores progress. */
    ProgressListener NONE = progress -> { };

    /**
     * @param progress how far a job has come
     */
    void onProgress(Progress progress);
}
