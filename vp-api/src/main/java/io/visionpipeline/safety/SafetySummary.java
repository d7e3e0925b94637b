package io.visionpipeline.safety;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How unsafe a whole media is, from the {@code nsfw} stage's frame scores: the worst frame, the
 * share of sampled frames that were flagged, and the time ranges they form.
 *
 * <pre>{@code
 * SafetySummary safety = report.safety();
 * if (safety != null && safety.flaggedFrames() > 0) {
 *     System.out.printf("%.0f %% of frames flagged; worst %.2f at %s%n",
 *             100 * safety.flaggedShare(), safety.maxUnsafe(), safety.maxUnsafeAt());
 *     safety.flaggedRanges().forEach(r -> System.out.println("  " + r));
 * }
 * }</pre>
 *
 * @param threshold     the unsafe score at and above which a frame was flagged
 * @param frames        sampled frames scored
 * @param flaggedFrames frames flagged
 * @param maxUnsafe     the highest unsafe score of any frame
 * @param maxUnsafeAt   the time of that frame
 * @param flaggedRanges runs of consecutive flagged frames, in time order
 * @since 0.1
 */
public record SafetySummary(double threshold, int frames, int flaggedFrames, double maxUnsafe, Duration maxUnsafeAt,
                            List<FlaggedRange> flaggedRanges) {

    /** Validates and copies the fields. */
    public SafetySummary {
        Objects.requireNonNull(maxUnsafeAt, "maxUnsafeAt");
        flaggedRanges = flaggedRanges == null ? List.of() : List.copyOf(flaggedRanges);
        if (frames < 0 || flaggedFrames < 0 || flaggedFrames > frames) {
            throw new IllegalArgumentException("expected 0 <= flaggedFrames <= frames, got " + flaggedFrames + " of " + frames);
        }
    }

    /** @return flagged frames over scored frames, 0 when none was scored */
    public double flaggedShare() {
        return frames == 0 ? 0 : flaggedFrames / (double) frames;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SafetySummary[%d of %d frame(s) flagged at %.2f, max %.3f at %.2f s, ranges %s]",
                flaggedFrames, frames, threshold, maxUnsafe, maxUnsafeAt.toNanos() / 1e9, flaggedRanges);
    }
}
