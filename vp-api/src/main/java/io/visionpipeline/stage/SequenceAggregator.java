package io.visionpipeline.stage;

import io.visionpipeline.report.MediaReport;

import java.time.Duration;

/**
 * Per-media state for one frame stage: sees each frame's result in media order, may rewrite it
 * (assign track ids, identities), and adds media-level findings (tracks, summaries) to the report
 * at the end. Used from one thread at a time; one instance per media.
 *
 * @param <R> the stage's per-frame result
 * @since 0.1
 */
public interface SequenceAggregator<R> {

    /**
     * @param frameIndex the frame's index in its media
     * @param timestamp  the frame's media time
     * @param result     the stage's result for the frame
     * @return the result to store for the frame (the same or a rewritten one)
     */
    R onFrame(long frameIndex, Duration timestamp, R result);

    /**
     * Called once after the last frame.
     *
     * @param report the report being built, to add media-level findings to
     */
    default void finish(MediaReport.Builder report) {
    }

    /**
     * @param <R> result type
     * @return an aggregator that stores results unchanged and adds nothing
     */
    static <R> SequenceAggregator<R> passThrough() {
        return (frameIndex, timestamp, result) -> result;
    }
}
