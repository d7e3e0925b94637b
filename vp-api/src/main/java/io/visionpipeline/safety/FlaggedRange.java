package io.visionpipeline.safety;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A run of consecutive sampled frames of a video that were all flagged unsafe: from the first to
 * the last of them (a single flagged frame gives {@code start == end}).
 *
 * @param start     the first flagged frame's time
 * @param end       the last flagged frame's time
 * @param frames    how many sampled frames the run holds
 * @param maxUnsafe the highest {@link SafetyScore#unsafe()} in the run
 * @since 0.1
 */
public record FlaggedRange(Duration start, Duration end, int frames, double maxUnsafe) {

    /** Validates the fields. */
    public FlaggedRange {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("end " + end + " before start " + start);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1: " + frames);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2f s – %.2f s (%d frame(s), max %.2f)", start.toNanos() / 1e9, end.toNanos() / 1e9,
                frames, maxUnsafe);
    }
}
