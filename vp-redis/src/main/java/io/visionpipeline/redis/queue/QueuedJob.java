package io.visionpipeline.redis.queue;

import java.util.Objects;

/**
 * A job a worker read or claimed from the stream.
 *
 * @param entryId    the stream entry's id (what {@code XACK} takes)
 * @param message    the job, or null when the entry could not be read
 * @param problem    why the entry could not be read, or null
 * @param deliveries how often the entry has been delivered, this delivery included
 * @since 0.1
 */
public record QueuedJob(String entryId, JobMessage message, String problem, long deliveries) {

    /** Checks exactly one of message and problem is set. */
    public QueuedJob {
        Objects.requireNonNull(entryId, "entryId");
        if ((message == null) == (problem == null)) {
            throw new IllegalArgumentException("exactly one of message and problem must be set");
        }
    }

    /** @return whether the entry holds a job this worker can read */
    public boolean readable() {
        return message != null;
    }

    @Override
    public String toString() {
        return "QueuedJob[" + entryId + (message != null ? " job " + message.id() + " " + message.media().id() : " unreadable: " + problem)
                + ", delivery " + deliveries + "]";
    }
}
