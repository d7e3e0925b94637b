package io.visionpipeline.redis.queue;

import io.visionpipeline.executor.Progress;

import java.util.Objects;

/**
 * An event on a submitter's reply stream: a running job's progress, or a job that ended (its
 * outcome is under its result key).
 *
 * @param entryId  the event's stream entry id
 * @param type     what happened
 * @param jobId    the job
 * @param stored   for {@link Type#DONE}: whether this delivery stored the outcome (false when a
 *                 duplicate found it stored already)
 * @param progress for {@link Type#PROGRESS}: how far the job has come
 * @since 0.1
 */
public record ReplyEvent(String entryId, Type type, String jobId, boolean stored, Progress progress) {

    /** What happened. */
    public enum Type {
        /** The job made progress. */
        PROGRESS,
        /** The job ended; read its outcome. */
        DONE
    }

    /** Validates the fields. */
    public ReplyEvent {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(jobId, "jobId");
        if (type == Type.PROGRESS) {
            Objects.requireNonNull(progress, "progress");
        }
    }
}
