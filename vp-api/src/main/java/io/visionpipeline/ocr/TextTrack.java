package io.visionpipeline.ocr;

import io.visionpipeline.geometry.Polygon;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Text that stays on screen over consecutive sampled frames of a video (a title, a caption, a
 * sign), merged into one finding by {@link TextTracker}.
 *
 * <pre>{@code
 * for (TextTrack t : report.textTracks()) {
 *     System.out.printf("%s–%s  %s%n", t.start(), t.end(), t.text());
 * }
 * }</pre>
 *
 * @param text       the text of the frame where it was read with the highest confidence
 * @param start      timestamp of the first sampled frame showing it
 * @param end        timestamp of the last sampled frame showing it
 * @param confidence the highest confidence of any of its frames, in [0, 1]
 * @param polygon    where it is in that best frame, in frame pixels
 * @param frames     how many sampled frames it was read in
 * @since 0.1
 */
public record TextTrack(String text, Duration start, Duration end, double confidence, Polygon polygon, int frames) {

    /** Validates the fields. */
    public TextTrack {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(polygon, "polygon");
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be >= 1: " + frames);
        }
    }

    /** @return how long it is on screen, from first to last sampled frame */
    public Duration duration() {
        return end.minus(start);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TextTrack[\"%s\" %.2fs–%.2fs, %d frame(s), %.2f]", text,
                start.toNanos() / 1e9, end.toNanos() / 1e9, frames, confidence);
    }
}
