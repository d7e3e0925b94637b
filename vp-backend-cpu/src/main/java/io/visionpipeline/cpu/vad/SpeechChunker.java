package io.visionpipeline.cpu.vad;

import io.visionpipeline.media.AudioClip;
import io.visionpipeline.speech.SpeechSegment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts a stream of audio into {@link SpeechChunk}s at the boundaries a VAD found: consecutive
 * speech segments go into one chunk while it stays within the maximum length (Whisper reads 30 s at
 * a time), so a chunk never cuts through speech. Keeps only the audio a future chunk may still
 * need: from the pending chunk's start, or from where the VAD says speech may yet begin.
 *
 * <pre>{@code
 * SpeechChunker chunker = new SpeechChunker(Duration.ofSeconds(30));
 * for (AudioClip clip : clips) {
 *     chunker.append(clip);
 *     for (SpeechSegment s : vad.accept(clip)) chunks.addAll(chunker.add(s));
 *     chunks.addAll(chunker.advance(vad.undecidedFrom()));
 * }
 * for (SpeechSegment s : vad.finish()) chunks.addAll(chunker.add(s));
 * chunks.addAll(chunker.finish());
 * }</pre>
 *
 * Not thread-safe.
 */
public final class SpeechChunker {
    private static final int RATE = AudioClip.SPEECH_SAMPLE_RATE;

    private final long maxSamples;
    private float[] buffer = new float[RATE];
    private long bufferStart = -1;
    private int length;
    private final List<SpeechSegment> pending = new ArrayList<>();

    /** @param maxChunk the longest chunk; a single longer segment is cut at this length */
    public SpeechChunker(Duration maxChunk) {
        this.maxSamples = samples(maxChunk);
        if (maxSamples < RATE) {
            throw new IllegalArgumentException("maxChunk must be at least 1 s: " + maxChunk);
        }
    }

    /** @param clip the next clip, contiguous with the previous one */
    public void append(AudioClip clip) {
        if (bufferStart < 0) {
            bufferStart = samples(clip.start());
        }
        float[] s = clip.samples();
        if (length + s.length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, length + s.length));
        }
        System.arraycopy(s, 0, buffer, length, s.length);
        length += s.length;
    }

    /**
     * @param segment the next speech segment the VAD decided
     * @return the chunk it closed, if it did not fit the pending one
     */
    public List<SpeechChunk> add(SpeechSegment segment) {
        List<SpeechChunk> out = new ArrayList<>(1);
        if (!pending.isEmpty() && samples(segment.end()) - samples(pending.get(0).start()) > maxSamples) {
            out.add(cut());
        }
        pending.add(segment);
        return out;
    }

    /**
     * Tells the chunker how far the VAD has decided: audio before {@code undecidedFrom} that no
     * pending chunk needs is dropped, and a pending chunk that no future segment can still join is
     * closed.
     *
     * @param undecidedFrom media time before which no further segment can start
     * @return the chunk closed, if any
     */
    public List<SpeechChunk> advance(Duration undecidedFrom) {
        List<SpeechChunk> out = new ArrayList<>(1);
        if (!pending.isEmpty() && samples(undecidedFrom) - samples(pending.get(0).start()) >= maxSamples) {
            out.add(cut());
        }
        drop(pending.isEmpty() ? samples(undecidedFrom) : samples(pending.get(0).start()));
        return out;
    }

    /** @return the last chunk, if speech is pending */
    public List<SpeechChunk> finish() {
        return pending.isEmpty() ? List.of() : List.of(cut());
    }

    /** @return how many samples are held now (for tests of the memory bound) */
    public int bufferedSamples() {
        return length;
    }

    private SpeechChunk cut() {
        long from = Math.max(bufferStart, samples(pending.get(0).start()));
        long to = Math.min(bufferStart + length, Math.max(from, samples(pending.get(pending.size() - 1).end())));
        to = Math.min(to, from + maxSamples);
        float[] samples = Arrays.copyOfRange(buffer, (int) (from - bufferStart), (int) (to - bufferStart));
        SpeechChunk chunk = new SpeechChunk(time(from), samples, pending);
        pending.clear();
        drop(to);
        return chunk;
    }

    private void drop(long before) {
        int n = (int) Math.min(length, Math.max(0, before - bufferStart));
        if (n > 0) {
            System.arraycopy(buffer, n, buffer, 0, length - n);
            length -= n;
            bufferStart += n;
        }
    }

    private static long samples(Duration d) {
        return d.toNanos() * RATE / 1_000_000_000L;
    }

    private static Duration time(long sample) {
        return Duration.ofNanos(sample * 1_000_000_000L / RATE);
    }
}
