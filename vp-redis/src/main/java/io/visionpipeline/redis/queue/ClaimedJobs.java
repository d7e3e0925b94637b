package io.visionpipeline.redis.queue;

import java.util.List;
import java.util.Objects;

/**
 * What {@code XAUTOCLAIM} claimed, and where to go on scanning.
 *
 * @param jobs the claimed jobs, with their delivery counts
 * @param next the start for the next call ({@code 0-0} when the scan went round)
 * @since 0.1
 */
public record ClaimedJobs(List<QueuedJob> jobs, String next) {
    /** Validates and copies the fields. */
    public ClaimedJobs {
        jobs = List.copyOf(jobs);
        Objects.requireNonNull(next, "next");
    }
}
