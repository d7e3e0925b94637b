package io.visionpipeline.speech;

import java.util.Locale;
import java.util.Objects;

/**
 * One token of a transcript segment (a word piece, as the speech model's tokenizer cuts text),
 * with where it lies in the media and how sure the model was of it.
 *
 * @param text        the token's text, with its leading space where the model put one
 * @param start       media time where the token starts
 * @param end         media time where the token ends, not before {@code start}
 * @param probability the model's probability for the token, in [0, 1]
 * @since 0.1
 */
public record TranscriptToken(String text, java.time.Duration start, java.time.Duration end, double probability) {

    /** Validates the fields. */
    public TranscriptToken {
        Objects.requireNonNull(text, "text");
        Transcript.checkSpan(start, end);
        Transcript.checkUnit("probability", probability);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s[%.2f-%.2fs p=%.2f]", text, start.toNanos() / 1e9, end.toNanos() / 1e9, probability);
    }
}
