package io.visionpipeline.redis.queue;

import io.visionpipeline.report.MediaReport;

import java.time.Instant;
import java.util.Objects;

/**
 * How a job ended, stored once under its result key (for the configured result TTL) and read by
 * its submitter.
 *
 * @param status     how it ended
 * @param report     the report when {@link Status#DONE}
 * @param error      the (last) error otherwise, when there was one
 * @param worker     the worker that finished it
 * @param deliveries how often it was delivered to a worker
 * @param finishedAt when it ended
 * @since 0.1
 */
public record JobOutcome(Status status, MediaReport report, JobError error, String worker, long deliveries, Instant finishedAt) {

    /** How a job ended. */
    public enum Status {
        /** Analysed: the report is there. */
        DONE,
        /** Failed on every delivery up to the limit (or its message was unreadable): dead-lettered. */
        FAILED,
        /** Its deadline passed before it was done. */
        EXPIRED,
        /** Cancelled by its submitter. */
        CANCELLED
    }

    /** Validates the fields. */
    public JobOutcome {
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finishedAt, "finishedAt");
        if ((status == Status.DONE) != (report != null)) {
            throw new IllegalArgumentException("a report goes with DONE and only with DONE: " + status);
        }
        worker = worker == null ? "" : worker;
    }

    /**
     * @param report     the report
     * @param worker     the worker
     * @param deliveries deliveries so far
     * @return a successful outcome
     */
    public static JobOutcome done(MediaReport report, String worker, long deliveries) {
        return new JobOutcome(Status.DONE, Objects.requireNonNull(report, "report"), null, worker, deliveries, Instant.now());
    }

    /**
     * @param status     FAILED, EXPIRED or CANCELLED
     * @param error      why, or null
     * @param worker     the worker
     * @param deliveries deliveries so far
     * @return an unsuccessful outcome
     */
    public static JobOutcome ended(Status status, JobError error, String worker, long deliveries) {
        return new JobOutcome(status, null, error, worker, deliveries, Instant.now());
    }
}
