package io.visionpipeline.redis.queue;

import java.time.Duration;
import java.util.Objects;

/**
 * How a worker gives a job back without finishing it: for a retry after a delay (with the error
 * that made it fail), or handed back at shutdown (the delivery does not count).
 *
 * @since 0.1
 */
public final class Release {
    private final QueuedJob job;
    private final Duration delay;
    private final JobError error;
    private final boolean refund;

    private Release(QueuedJob job, Duration delay, JobError error, boolean refund) {
        this.job = Objects.requireNonNull(job, "job");
        this.delay = Objects.requireNonNull(delay, "delay");
        this.error = error;
        this.refund = refund;
    }

    /**
     * @param job   the job that failed
     * @param delay how long before another delivery (capped at the visibility timeout)
     * @param error why it failed, kept as the job's last error
     * @return a retry
     */
    public static Release retry(QueuedJob job, Duration delay, JobError error) {
        return new Release(job, delay, Objects.requireNonNull(error, "error"), false);
    }

    /**
     * @param job a job this worker will not run after all
     * @return a hand-back: claimable by another worker at once, this delivery not counted
     */
    public static Release handBack(QueuedJob job) {
        return new Release(job, Duration.ZERO, null, true);
    }

    /** @return the job */
    public QueuedJob job() {
        return job;
    }

    /** @return how long before another delivery */
    public Duration delay() {
        return delay;
    }

    /** @return the error to keep, or null */
    public JobError error() {
        return error;
    }

    /** @return whether this delivery is taken back */
    public boolean refund() {
        return refund;
    }
}
