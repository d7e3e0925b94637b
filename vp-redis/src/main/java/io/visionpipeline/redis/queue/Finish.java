package io.visionpipeline.redis.queue;

import java.util.Objects;

/**
 * How a worker ends a job: store its outcome (once), dead-letter it, or just acknowledge a
 * duplicate whose outcome exists already. {@link JobQueue#finish} does it atomically with the
 * acknowledgement.
 *
 * @since 0.1
 */
public final class Finish {
    private final QueuedJob job;
    private final JobOutcome outcome;
    private final boolean deadLetter;

    private Finish(QueuedJob job, JobOutcome outcome, boolean deadLetter) {
        this.job = Objects.requireNonNull(job, "job");
        this.outcome = outcome;
        this.deadLetter = deadLetter;
    }

    /**
     * @param job     the job
     * @param outcome how it ended (done, expired or cancelled)
     * @return store the outcome unless one exists, tell the submitter, acknowledge
     */
    public static Finish outcome(QueuedJob job, JobOutcome outcome) {
        return new Finish(job, Objects.requireNonNull(outcome, "outcome"), false);
    }

    /**
     * @param job     the job
     * @param outcome the failure, or null when the entry is unreadable (no job id to store it under)
     * @return as {@link #outcome}, and copy the job with its failure to the dead-letter stream
     */
    public static Finish deadLetter(QueuedJob job, JobOutcome outcome) {
        if (job.readable()) {
            Objects.requireNonNull(outcome, "outcome");
        }
        return new Finish(job, job.readable() ? outcome : null, true);
    }

    /**
     * @param job a job whose outcome is stored already
     * @return tell the submitter, acknowledge
     */
    public static Finish duplicate(QueuedJob job) {
        return new Finish(job, null, false);
    }

    /** @return the job */
    public QueuedJob job() {
        return job;
    }

    /** @return the outcome to store, or null */
    public JobOutcome outcome() {
        return outcome;
    }

    /** @return whether the job goes to the dead-letter stream */
    public boolean deadLetter() {
        return deadLetter;
    }
}
