package io.visionpipeline.face;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One stretch of time in which an {@link Identity} is on screen: from the first to the last
 * sampled frame showing it, with no longer gap than the tracker bridges.
 *
 * @param start  timestamp of the first sampled frame showing the person
 * @param end    timestamp of the last one
 * @param frames how many sampled frames show the person in it
 * @since 0.1
 */
public record Appearance(Duration start, Duration end, int frames) {

    /** Validates the fields. */
    public Appearance {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1: " + frames);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%.2fs–%.2fs", start.toNanos() / 1e9, end.toNanos() / 1e9);
    }
}
