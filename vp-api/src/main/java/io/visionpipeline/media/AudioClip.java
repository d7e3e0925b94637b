package io.visionpipeline.media;

import java.time.Duration;
import java.util.Objects;

/**
 * A run of mono audio samples in [-1, 1] with its start time in the media.
 *
 * <p>The decoder delivers audio at {@link #SPEECH_SAMPLE_RATE} (16 kHz), the rate speech models
 * expect. The sample array is shared, not copied: do not modify it.
 *
 * @param samples    mono float samples
 * @param sampleRate samples per second
 * @param start      time of the first sample in the media
 * @since 0.1
 */
public record AudioClip(float[] samples, int sampleRate, Duration start) {

    /** Sample rate of decoded audio: 16 kHz mono, as Whisper and Silero VAD expect. */
    public static final int SPEECH_SAMPLE_RATE = 16_000;

    /** Validates the fields. */
    public AudioClip {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(start, "start");
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sampleRate must be positive: " + sampleRate);
        }
    }

    /**
     * @return how long the clip plays
     */
    public Duration duration() {
        return Duration.ofNanos(samples.length * 1_000_000_000L / sampleRate);
    }

    /**
     * @return the media time just after the last sample
     */
    public Duration end() {
        return start.plus(duration());
    }

    @Override
    public String toString() {
        return "AudioClip[" + samples.length + " samples @" + sampleRate + " Hz, start=" + start.toMillis() / 1000.0 + "s]";
    }
}
