package io.visionpipeline.core.sampling;

import java.util.function.Supplier;

/**
 * Keeps at most {@code count} frames, one in each of {@code count} equal slices of the duration
 * (the first frame at or after each slice's middle). Without a known duration: the first
 * {@code count} frames.
 */
final class MaxFramesSampler implements FrameSampler {
    private final int count;
    private final long durationMicros;
    private int kept;

    MaxFramesSampler(int count, long durationMicros) {
        this.count = count;
        this.durationMicros = durationMicros;
    }

    @Override
    public boolean accept(long index, long timestampMicros, Supplier<byte[]> greyThumbnail) {
        if (kept >= count) {
            return false;
        }
        if (durationMicros <= 0 || timestampMicros >= target(kept)) {
            kept++;
            while (kept < count && durationMicros > 0 && timestampMicros >= target(kept)) {
                kept++; // the stream jumped past several targets: one frame stands for all of them
            }
            return true;
        }
        return false;
    }

    private long target(int k) {
        return (long) ((k + 0.5) * durationMicros / count);
    }

    @Override
    public long expectedFrames() {
        return count;
    }
}
