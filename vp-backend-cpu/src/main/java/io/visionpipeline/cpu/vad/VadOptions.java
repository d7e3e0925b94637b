package io.visionpipeline.cpu.vad;

import io.visionpipeline.stage.StageOptions;

import java.time.Duration;
import java.util.Objects;

/**
 * How speech probabilities become speech segments: hysteresis thresholds, the shortest speech and
 * silence that count, padding, and the longest segment.
 *
 * <pre>{@code
 * VadOptions opts = VadOptions.DEFAULT.withMinSilence(Duration.ofMillis(500));   // split at shorter pauses
 * }</pre>
 *
 * @param threshold    speech starts at a window whose probability reaches this, in (0, 1)
 * @param negThreshold speech may end at a window whose probability falls below this, in (0, threshold]
 * @param minSpeech    shorter speech is dropped (clicks, coughs)
 * @param minSilence   a pause must last this long to end a segment; shorter pauses stay inside it
 * @param padding      added before and after each segment, so word edges are not cut
 * @param maxSpeech    a longer segment is split, at its last pause of at least 100 ms if it has one
 */
public record VadOptions(double threshold, double negThreshold, Duration minSpeech, Duration minSilence,
                         Duration padding, Duration maxSpeech) {

    /** Silero's own defaults for the thresholds (0.5 / 0.35), shortest speech (250 ms) and padding (30 ms). */
    public static final double DEFAULT_THRESHOLD = 0.5;
    /** Silero's default hysteresis: speech ends 0.15 below the start threshold (at least 0.01). */
    public static final double DEFAULT_NEG_THRESHOLD = 0.35;
    /** Silero's default shortest speech. */
    public static final Duration DEFAULT_MIN_SPEECH = Duration.ofMillis(250);
    /**
     * 1.4 s, the default "redemption" time of the packaging library, {@code @ricky0123/vad-web}: a
     * segment ends at a pause this long. Silero's Python default (100 ms) ends a segment at every
     * breath; a speech region that becomes one transcription chunk should hold a sentence with its
     * pauses and end at a turn.
     */
    public static final Duration DEFAULT_MIN_SILENCE = Duration.ofMillis(1400);
    /** Silero's default padding. */
    public static final Duration DEFAULT_PADDING = Duration.ofMillis(30);
    /** Whisper's window (30 s) less the padding on both sides: a segment always fits one window. */
    public static final Duration DEFAULT_MAX_SPEECH = Duration.ofSeconds(30).minus(DEFAULT_PADDING.multipliedBy(2));

    /** The defaults above. */
    public static final VadOptions DEFAULT = new VadOptions(DEFAULT_THRESHOLD, DEFAULT_NEG_THRESHOLD, DEFAULT_MIN_SPEECH,
            DEFAULT_MIN_SILENCE, DEFAULT_PADDING, DEFAULT_MAX_SPEECH);

    /** Stage option keys these options are read from, see {@link #from(StageOptions)}. */
    public static final java.util.Set<String> OPTION_KEYS = java.util.Set.of(
            "vad.threshold", "vad.negThreshold", "vad.minSpeech", "vad.minSilence", "vad.padding");

    /** Validates the fields. */
    public VadOptions {
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("VAD threshold must be in (0, 1): " + threshold);
        }
        if (!(negThreshold > 0 && negThreshold <= threshold)) {
            throw new IllegalArgumentException("VAD negThreshold must be in (0, threshold=" + threshold + "]: " + negThreshold);
        }
        for (Duration d : new Duration[] {minSpeech, minSilence, padding, maxSpeech}) {
            if (Objects.requireNonNull(d, "duration").isNegative()) {
                throw new IllegalArgumentException("VAD durations must not be negative: " + d);
            }
        }
        if (maxSpeech.compareTo(minSpeech) <= 0 || maxSpeech.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("VAD maxSpeech must be at least 1 s and above minSpeech: " + maxSpeech);
        }
    }

    /**
     * Reads {@code vad.threshold}, {@code vad.negThreshold}, {@code vad.minSpeech},
     * {@code vad.minSilence} and {@code vad.padding} (durations in milliseconds or ISO-8601).
     *
     * @param options stage options
     * @return the defaults with the given options applied
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public static VadOptions from(StageOptions options) {
        double threshold = options.getDouble("vad.threshold", DEFAULT_THRESHOLD);
        double neg = options.getDouble("vad.negThreshold", Math.max(threshold - 0.15, 0.01));
        return new VadOptions(threshold, neg, options.getDuration("vad.minSpeech", DEFAULT_MIN_SPEECH),
                options.getDuration("vad.minSilence", DEFAULT_MIN_SILENCE), options.getDuration("vad.padding", DEFAULT_PADDING),
                DEFAULT_MAX_SPEECH);
    }

    /**
     * @param minSilence the shortest pause that ends a segment
     * @return these options with it
     */
    public VadOptions withMinSilence(Duration minSilence) {
        return new VadOptions(threshold, negThreshold, minSpeech, minSilence, padding, maxSpeech);
    }

    /**
     * @param maxSpeech the longest segment before it is split
     * @return these options with it
     */
    public VadOptions withMaxSpeech(Duration maxSpeech) {
        return new VadOptions(threshold, negThreshold, minSpeech, minSilence, padding, maxSpeech);
    }
}
