package io.visionpipeline.core.engine;

import io.visionpipeline.media.ImageFrame;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A decoded frame on its way through a job's stages: collects one result per stage and hands
 * itself back to its job when the last stage is done, dropping its pixels then.
 */
final class PendingFrame {
    private final FrameJob job;
    private final long sequence;
    private final long index;
    private final Duration timestamp;
    private final Object[] results;
    private final AtomicInteger remaining;
    private volatile ImageFrame image;

    PendingFrame(FrameJob job, long sequence, ImageFrame image, int stages) {
        this.job = job;
        this.sequence = sequence;
        this.index = image.index();
        this.timestamp = image.timestamp();
        this.image = image;
        this.results = new Object[stages];
        this.remaining = new AtomicInteger(stages);
    }

    FrameJob job() {
        return job;
    }

    /** @return the frame's position among its job's sampled frames, from 0 */
    long sequence() {
        return sequence;
    }

    long index() {
        return index;
    }

    Duration timestamp() {
        return timestamp;
    }

    /** @return the pixels, while some stage still needs them */
    ImageFrame image() {
        return image;
    }

    /** @return the result of the stage at {@code slot}; valid once the frame is complete */
    Object result(int slot) {
        return results[slot];
    }

    /**
     * Stores one stage's result; the last one completes the frame.
     *
     * @param slot   the stage's index in the job
     * @param result its result
     */
    void complete(int slot, Object result) {
        results[slot] = result;
        if (remaining.decrementAndGet() == 0) {
            image = null;
            job.frameCompleted(this);
        }
    }

    /**
     * @param error why a stage could not produce this frame's result; fails the whole job
     */
    void fail(Throwable error) {
        job.fail(error);
    }
}
