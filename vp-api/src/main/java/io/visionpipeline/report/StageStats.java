package io.visionpipeline.report;

import java.time.Duration;
import java.util.Objects;

/**
 * Work one stage did on one media.
 *
 * @param kind     stage kind
 * @param frames   frames processed
 * @param batches  batches run (frames / batches = mean batch size)
 * @param busyTime time spent inside the stage's {@code process} calls
 * @since 0.1
 */
public record StageStats(String kind, long frames, long batches, Duration busyTime) {
    /** Validates the fields. */
    public StageStats {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(busyTime, "busyTime");
    }
}
