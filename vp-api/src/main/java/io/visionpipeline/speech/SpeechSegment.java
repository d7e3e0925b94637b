package io.visionpipeline.speech;

import java.time.Duration;
import java.util.Locale;

/**
 * A stretch of media in which a voice activity detector heard speech.
 *
 * @param start media time where the speech starts
 * @param end   media time where it ends, after {@code start}
 * @since 0.1
 */
public record SpeechSegment(Duration start, Duration end) {

    /** Validates the fields. */
    public SpeechSegment {
        Transcript.checkSpan(start, end);
    }

    /** @return how long the speech lasts */
    public Duration duration() {
        return end.minus(start);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Speech[%.3f-%.3fs]", start.toNanos() / 1e9, end.toNanos() / 1e9);
    }
}
