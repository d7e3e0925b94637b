package io.visionpipeline.speech;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A stretch of speech and what was said in it, with media times.
 *
 * @param start      media time where the segment starts
 * @param end        media time where it ends, not before {@code start}
 * @param text       what was said, trimmed
 * @param confidence how sure the model was, in [0, 1] (for Whisper: the mean probability of the
 *                   segment's text tokens)
 * @param tokens     the segment's tokens with their own times; empty when the model gives none
 * @since 0.1
 */
public record TranscriptSegment(Duration start, Duration end, String text, double confidence, List<TranscriptToken> tokens) {

    /** Validates and copies the fields. */
    public TranscriptSegment {
        Transcript.checkSpan(start, end);
        text = Objects.requireNonNull(text, "text").strip();
        Transcript.checkUnit("confidence", confidence);
        tokens = tokens == null ? List.of() : List.copyOf(tokens);
    }

    /** @return how long the segment lasts */
    public Duration duration() {
        return end.minus(start);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.2f-%.2fs %.2f] %s", start.toNanos() / 1e9, end.toNanos() / 1e9, confidence, text);
    }
}
