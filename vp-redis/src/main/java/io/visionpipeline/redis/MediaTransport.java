package io.visionpipeline.redis;

/**
 * How a {@link RedisExecutor} sends media to the workers.
 *
 * @since 0.1
 */
public enum MediaTransport {
    /**
     * Files and URIs by reference (every worker must be able to read the path or open the URI:
     * a shared volume, object storage behind HTTP); streams inline, under the inline limit.
     */
    REFERENCE,
    /**
     * Files and streams inline, under the inline limit (workers that share no file system with
     * the submitter, e.g. rented cloud machines); URIs by reference.
     */
    INLINE_FILES
}
