package io.visionpipeline.redis.queue;

/**
 * How full a queue is: for dashboards and autoscalers.
 *
 * @param waiting     jobs not yet delivered to a worker
 * @param inFlight    jobs delivered and not yet finished (running, or waiting for a retry)
 * @param deadLetters entries in the dead-letter stream
 * @param workers     workers whose health key is alive
 * @since 0.1
 */
public record QueueStats(long waiting, long inFlight, long deadLetters, int workers) {
}
