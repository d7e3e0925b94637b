package io.visionpipeline.core.sampling;

import java.util.function.Supplier;

/**
 * Keeps the first frame, then each frame whose grey thumbnail differs from the last kept one by
 * more than the threshold (mean absolute difference as a share of 255), at least {@code minGap}
 * apart. Comparing with the last kept frame (not the previous frame) also catches slow fades.
 */
final class SceneChangeSampler implements FrameSampler {
    private final double threshold;
    private final long minGapMicros;
    private byte[] reference;
    private long lastKeptMicros;

    SceneChangeSampler(double threshold, long minGapMicros) {
        this.threshold = threshold;
        this.minGapMicros = minGapMicros;
    }

    @Override
    public boolean accept(long index, long timestampMicros, Supplier<byte[]> greyThumbnail) {
        if (reference != null && timestampMicros - lastKeptMicros < minGapMicros) {
            return false;
        }
        byte[] thumbnail = greyThumbnail.get();
        if (reference == null || meanAbsoluteDifference(reference, thumbnail) > threshold) {
            reference = thumbnail;
            lastKeptMicros = timestampMicros;
            return true;
        }
        return false;
    }

    static double meanAbsoluteDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / (255.0 * a.length);
    }

    @Override
    public long expectedFrames() {
        return 0;
    }
}
