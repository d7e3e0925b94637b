package io.visionpipeline.cpu.vad;

import io.visionpipeline.speech.SpeechSegment;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A piece of audio to transcribe in one go: speech segments that lie close together, with the audio
 * from the first one's start to the last one's end (the pauses between them included).
 *
 * @param start   media time of the first sample
 * @param samples 16 kHz mono samples
 * @param speech  the speech segments inside, in order
 */
public record SpeechChunk(Duration start, float[] samples, List<SpeechSegment> speech) {

    /** Validates and copies the fields. */
    public SpeechChunk {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(samples, "samples");
        speech = List.copyOf(speech);
    }

    /** @return media time just after the last sample */
    public Duration end() {
        return start.plus(Duration.ofNanos(samples.length * 1_000_000_000L / io.visionpipeline.media.AudioClip.SPEECH_SAMPLE_RATE));
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "SpeechChunk[%.2f-%.2fs, %d segment(s)]",
                start.toNanos() / 1e9, end().toNanos() / 1e9, speech.size());
    }
}
