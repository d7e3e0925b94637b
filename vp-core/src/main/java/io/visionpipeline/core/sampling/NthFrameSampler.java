package io.visionpipeline.core.sampling;

import java.util.function.Supplier;

/** Keeps frames 0, n, 2n, … by decode index. */
final class NthFrameSampler implements FrameSampler {
    private final int n;
    private final long frameCount;

    NthFrameSampler(int n, long frameCount) {
        this.n = n;
        this.frameCount = frameCount;
    }

    @Override
    public boolean accept(long index, long timestampMicros, Supplier<byte[]> greyThumbnail) {
        return index % n == 0;
    }

    @Override
    public long expectedFrames() {
        return frameCount <= 0 ? 0 : (frameCount + n - 1) / n;
    }
}
