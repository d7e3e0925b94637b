package io.visionpipeline.core.engine;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

/**
 * Where a job's results go: into a report for {@code submit}, or one by one to a consumer for
 * {@code stream}. Called from the job's thread, in media order.
 */
interface FrameSink {

    /**
     * @param media the opened media
     */
    default void opened(MediaInfo media) {
    }

    /**
     * @param frame the next frame's results
     * @param report the report being built
     * @throws InterruptedException when the job is stopped while the sink waits
     */
    void frame(FrameResult frame, MediaReport.Builder report) throws InterruptedException;

    /**
     * @param report the finished report
     */
    void finished(MediaReport report);

    /**
     * @param error what stopped the job (a {@link io.visionpipeline.VisionPipelineException}, or a
     *              {@link java.util.concurrent.CancellationException})
     */
    void failed(RuntimeException error);
}
