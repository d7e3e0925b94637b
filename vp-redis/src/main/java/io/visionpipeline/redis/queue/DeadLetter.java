package io.visionpipeline.redis.queue;

import java.util.Objects;

/**
 * A job in the dead-letter stream: it failed on every delivery up to the limit, or its entry
 * could not be read. Operators inspect these with {@link JobQueue#deadLetters(int)}.
 *
 * @param entryId    the dead-letter entry's id
 * @param jobEntryId the job's entry id in the job stream
 * @param message    the job's message as it was queued (JSON), possibly unreadable
 * @param outcome    the failure with the last error, or null for an unreadable entry
 * @since 0.1
 */
public record DeadLetter(String entryId, String jobEntryId, String message, JobOutcome outcome) {
    /** Validates the fields. */
    public DeadLetter {
        Objects.requireNonNull(entryId, "entryId");
        Objects.requireNonNull(jobEntryId, "jobEntryId");
        message = message == null ? "" : message;
    }
}
