package io.visionpipeline.core.sampling;

import java.util.function.Supplier;

/** Keeps the first frame at or after each multiple of the interval. */
final class IntervalSampler implements FrameSampler {
    private final long intervalMicros;
    private final long durationMicros;
    private long nextMicros;
    private boolean started;

    IntervalSampler(long intervalMicros, long durationMicros) {
        this.intervalMicros = intervalMicros;
        this.durationMicros = durationMicros;
    }

    @Override
    public boolean accept(long index, long timestampMicros, Supplier<byte[]> greyThumbnail) {
        if (!started) {
            started = true;
            nextMicros = nextTarget(Math.max(0, timestampMicros));
            return true;
        }
        if (timestampMicros < nextMicros) {
            return false;
        }
        nextMicros = nextTarget(timestampMicros);
        return true;
    }

    /** The next target strictly after {@code t}: skipping targets the stream jumped over. */
    private long nextTarget(long t) {
        return (t / intervalMicros + 1) * intervalMicros;
    }

    @Override
    public long expectedFrames() {
        return durationMicros <= 0 ? 0 : (durationMicros + intervalMicros - 1) / intervalMicros;
    }
}
