package io.visionpipeline.redis.worker;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When a failed job is tried again and when it goes to the dead-letter stream.
 *
 * @param maxDeliveries     deliveries a job gets; after the last one fails it is dead-lettered
 * @param backoff           delay before the second delivery; doubled for each later one
 * @param maxBackoff        the longest delay
 * @param visibilityTimeout how long a job may go untouched before another worker claims it
 *                          (delays are capped at it: a released job is claimed once idle that long)
 */
record RetryPolicy(int maxDeliveries, Duration backoff, Duration maxBackoff, Duration visibilityTimeout) {

    /**
     * @param deliveries the failed delivery's number (1 for the first)
     * @return whether that was the last one
     */
    boolean exhausted(long deliveries) {
        return deliveries >= maxDeliveries;
    }

    /**
     * @param deliveries a claimed job's delivery number
     * @return whether earlier deliveries used up its tries (its workers died while running it)
     */
    boolean overDelivered(long deliveries) {
        return deliveries > maxDeliveries;
    }

    /**
     * @param deliveries the failed delivery's number (1 for the first)
     * @return the delay before the next: exponential, with ±20 % jitter so failed jobs do not
     *         come back all at once, capped at the max backoff and the visibility timeout
     */
    Duration delay(long deliveries) {
        double exponential = backoff.toMillis() * Math.pow(2, Math.max(0, Math.min(deliveries - 1, 30)));
        double jittered = exponential * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble());
        long cap = Math.min(maxBackoff.toMillis(), visibilityTimeout.toMillis());
        return Duration.ofMillis(Math.min(cap, Math.round(jittered)));
    }
}
