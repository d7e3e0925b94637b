package io.visionpipeline.redis.queue;

import io.visionpipeline.VisionPipelineException;

/**
 * The Redis queue cannot be used: the server cannot be reached, refused the credentials or the
 * TLS handshake, did not answer within the timeout, or refused a command. The message names the
 * server (never the password), the problem and what to check.
 *
 * <pre>{@code
 * try (JobQueue queue = JobQueue.connect(RedisQueueConfig.create("redis://redis.internal:6379"))) {
 *     ...
 * } catch (RedisQueueException e) {
 *     log.error(e.getMessage()); // e.g. "Cannot connect to Redis at redis://redis.internal:6379: connection refused; is redis-server running there?"
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class RedisQueueException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, naming the server
     * @param cause   the client's error
     */
    public RedisQueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
