package io.visionpipeline.cpu.vad;

import io.visionpipeline.media.AudioClip;
import io.visionpipeline.speech.SpeechSegment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Voice activity detection over one audio stream, fed in order: cuts the samples into windows,
 * runs Silero on each with the state and context carried over from the one before, and returns
 * speech segments as soon as they are decided (a segment ends only after the minimum silence
 * has passed, so results lag the input by about that much). Holds less than one window of audio.
 * Not thread-safe.
 *
 * <pre>{@code
 * VadStream stream = vad.stream(VadOptions.DEFAULT);
 * for (AudioClip clip : clips) {
 *     stream.accept(clip).forEach(System.out::println);
 * }
 * stream.finish().forEach(System.out::println);
 * }</pre>
 */
public final class VadStream {
    private final SileroVad vad;
    private final float[] input = new float[SileroVad.CONTEXT + SileroVad.WINDOW];
    private final float[] state = new float[SileroVad.STATE];
    private final VadOptions options;
    private SpeechSegmenter segmenter;
    private int filled;
    private long position;
    private long windows;
    private boolean finished;

    VadStream(SileroVad vad, VadOptions options) {
        this.vad = vad;
        this.options = options;
    }

    /**
     * @param clip the next clip: 16 kHz, contiguous with the previous one (the first clip's start
     *             places the stream in the media)
     * @return segments decided by this clip
     * @throws IllegalArgumentException when the clip is not 16 kHz
     */
    public List<SpeechSegment> accept(AudioClip clip) {
        if (clip.sampleRate() != AudioClip.SPEECH_SAMPLE_RATE) {
            throw new IllegalArgumentException("Silero VAD needs 16 kHz audio, got " + clip.sampleRate() + " Hz");
        }
        if (segmenter == null) {
            position = clip.start().toNanos() * AudioClip.SPEECH_SAMPLE_RATE / 1_000_000_000L;
            segmenter = new SpeechSegmenter(options, AudioClip.SPEECH_SAMPLE_RATE, position);
        }
        return accept(clip.samples(), 0, clip.samples().length);
    }

    private List<SpeechSegment> accept(float[] samples, int from, int to) {
        if (finished) {
            throw new IllegalStateException("the stream has finished");
        }
        List<SpeechSegment> out = new ArrayList<>(0);
        for (int i = from; i < to; ) {
            int n = Math.min(SileroVad.WINDOW - filled, to - i);
            System.arraycopy(samples, i, input, SileroVad.CONTEXT + filled, n);
            filled += n;
            i += n;
            if (filled == SileroVad.WINDOW) {
                runWindow(out);
            }
        }
        return out;
    }

    private void runWindow(List<SpeechSegment> out) {
        float p = vad.probability(input, state);
        segmenter.accept(position, SileroVad.WINDOW, p, out);
        System.arraycopy(input, SileroVad.WINDOW, input, 0, SileroVad.CONTEXT);
        position += filled;
        filled = 0;
        windows++;
    }

    /**
     * Ends the stream: the last partial window is padded with silence and judged.
     *
     * @return the last segments
     */
    public List<SpeechSegment> finish() {
        List<SpeechSegment> out = new ArrayList<>(1);
        if (segmenter == null) {
            finished = true;
            return out;
        }
        long end = position + filled;
        if (filled > 0) {
            java.util.Arrays.fill(input, SileroVad.CONTEXT + filled, input.length, 0f);
            filled = SileroVad.WINDOW;
            runWindow(out);
        }
        segmenter.finish(end, out);
        finished = true;
        return out;
    }

    /** @return media time before which no further segment can start */
    public Duration undecidedFrom() {
        long sample = segmenter == null ? 0 : segmenter.undecidedFrom(position);
        return Duration.ofNanos(sample * 1_000_000_000L / AudioClip.SPEECH_SAMPLE_RATE);
    }

    /** @return windows judged so far */
    public long windows() {
        return windows;
    }
}
