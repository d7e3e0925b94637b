package io.visionpipeline.executor;

import io.visionpipeline.report.MediaReport;

import java.util.concurrent.CompletableFuture;

/**
 * Runs analysis jobs: in-process ({@code LocalExecutor} in vp-core), on workers behind a Redis
 * queue (vp-redis) or on rented cloud GPUs (vp-backend-cloud). The pipeline code does not change
 * when the executor does.
 *
 * <pre>{@code
 * VisionPipeline.builder().faces().executor(LocalExecutor.withThreads(4)).build();
 * }</pre>
 *
 * @since 0.1
 */
public interface PipelineExecutor extends AutoCloseable {

    /**
     * Checks that a pipeline can run, creating what it needs up front (models, sessions), so that
     * a missing model fails when the pipeline is built, not on the first file.
     *
     * @param pipeline the pipeline about to be used
     * @throws io.visionpipeline.VisionPipelineException when a stage cannot be created
     */
    default void prepare(PipelineSpec pipeline) {
    }

    /**
     * Starts a job. Cancelling the returned future stops the job.
     *
     * @param job      the job
     * @param progress receives progress events
     * @return completes with the report, or exceptionally with a
     *         {@link io.visionpipeline.VisionPipelineException} naming the media
     */
    CompletableFuture<MediaReport> submit(AnalysisJob job, ProgressListener progress);

    /**
     * Streams a job's frame results with bounded memory.
     *
     * @param job the job
     * @return the results as they come
     * @throws UnsupportedOperationException when this executor cannot stream (remote executors)
     */
    default FrameResultStream stream(AnalysisJob job) {
        throw new UnsupportedOperationException(getClass().getSimpleName()
                + " cannot stream frame results; use submit(), or the local executor for streaming");
    }

    /**
     * Stops accepting jobs, cancels running ones and releases threads and models.
     */
    @Override
    void close();
}
