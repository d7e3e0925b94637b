package io.visionpipeline.report;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the time went while analysing one media.
 *
 * @param wallTime   from opening the media to the finished report
 * @param decodeTime time spent demuxing, decoding and converting sampled frames
 * @param stages     per-stage work
 * @since 0.1
 */
public record Timings(Duration wallTime, Duration decodeTime, List<StageStats> stages) {
    /** No timings. */
    public static final Timings NONE = new Timings(Duration.ZERO, Duration.ZERO, List.of());

    /** Validates and copies the fields. */
    public Timings {
        Objects.requireNonNull(wallTime, "wallTime");
        Objects.requireNonNull(decodeTime, "decodeTime");
        stages = stages == null ? List.of() : List.copyOf(stages);
    }
}
