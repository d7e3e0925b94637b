package io.visionpipeline.cpu.vad;

import io.visionpipeline.speech.SpeechSegment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a stream of per-window speech probabilities into speech segments, as Silero's
 * {@code get_speech_timestamps} does, but incrementally: a segment starts at the first window whose
 * probability reaches the threshold, and ends at the first window of a pause (probability below
 * the lower threshold) that lasts at least the minimum silence; shorter pauses stay inside the
 * segment. Segments shorter than the minimum speech are dropped; a segment reaching the maximum
 * length is split at its last pause of at least {@value #SPLIT_PAUSE_MILLIS} ms, or cut there.
 * Padding widens each segment on both sides, never past its neighbours or the audio's bounds.
 * Positions are sample indices at {@link #sampleRate}. Not thread-safe: one per stream.
 */
final class SpeechSegmenter {
    /** Shortest pause inside a long segment at which it may be split. */
    static final int SPLIT_PAUSE_MILLIS = 100;

    private final VadOptions options;
    private final int sampleRate;
    private final long minSpeech;
    private final long minSilence;
    private final long padding;
    private final long maxSpeech;
    private final long splitPause;
    private final long offset;
    private boolean triggered;
    private long start;
    private long silenceStart = -1;
    private long splitAt = -1;
    private long lastEnd;
    private boolean lastEndPadded = true;

    /**
     * @param options    the thresholds and durations
     * @param sampleRate samples per second of the positions given
     * @param offset     sample position of the audio's first sample in the media
     */
    SpeechSegmenter(VadOptions options, int sampleRate, long offset) {
        this.options = options;
        this.sampleRate = sampleRate;
        this.minSpeech = samples(options.minSpeech());
        this.minSilence = samples(options.minSilence());
        this.padding = samples(options.padding());
        this.maxSpeech = samples(options.maxSpeech());
        this.splitPause = (long) SPLIT_PAUSE_MILLIS * sampleRate / 1000;
        this.offset = offset;
        this.lastEnd = offset;
    }

    /**
     * @param position    sample position of the window's first sample
     * @param length      the window's length in samples
     * @param probability the model's speech probability for the window
     * @param out         receives segments that end here
     */
    void accept(long position, int length, float probability, List<SpeechSegment> out) {
        if (probability >= options.threshold()) {
            if (!triggered) {
                triggered = true;
                start = position;
                splitAt = -1;
            } else if (silenceStart >= 0 && position - silenceStart >= splitPause) {
                splitAt = silenceStart;
            }
            silenceStart = -1;
        } else if (triggered && probability < options.negThreshold()) {
            if (silenceStart < 0) {
                silenceStart = position;
            }
            if (position + length - silenceStart >= minSilence) {
                close(silenceStart, true, out);
                return;
            }
        }
        if (triggered && position + length - start > maxSpeech) {
            long cut = splitAt > start + minSpeech ? splitAt : position;
            close(cut, false, out);
            triggered = true;
            start = cut;
            splitAt = -1;
            if (silenceStart >= 0 && silenceStart < cut) {
                silenceStart = -1;
            }
        }
    }

    /**
     * Ends the stream.
     *
     * @param end sample position just after the last sample
     * @param out receives the last segment, if speech was going on
     */
    void finish(long end, List<SpeechSegment> out) {
        if (triggered) {
            close(silenceStart >= 0 ? silenceStart : end, true, out);
        }
        if (!out.isEmpty()) {
            SpeechSegment last = out.get(out.size() - 1);
            Duration limit = time(end);
            if (last.end().compareTo(limit) > 0) {
                out.set(out.size() - 1, new SpeechSegment(last.start(), limit.compareTo(last.start()) > 0 ? limit : last.start()));
            }
        }
    }

    /**
     * @return the earliest sample position at which a segment not yet emitted may start: the
     *         current segment's start, or (in silence) the latest position less the padding
     */
    long undecidedFrom(long position) {
        return Math.max(offset, (triggered ? start : position) - padding);
    }

    private void close(long end, boolean atPause, List<SpeechSegment> out) {
        triggered = false;
        silenceStart = -1;
        if (end - start < minSpeech && atPause) {
            return;
        }
        long from = lastEndPadded ? Math.max(lastEnd, start - padding) : start;
        long to = atPause ? end + padding : end;
        if (from < to) {
            out.add(new SpeechSegment(time(Math.max(offset, from)), time(to)));
        }
        lastEnd = to;
        lastEndPadded = atPause;
    }

    private Duration time(long sample) {
        return Duration.ofNanos(sample * 1_000_000_000L / sampleRate);
    }

    private long samples(Duration d) {
        return d.toNanos() * sampleRate / 1_000_000_000L;
    }
}
