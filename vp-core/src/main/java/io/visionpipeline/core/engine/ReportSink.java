package io.visionpipeline.core.engine;

import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

import java.util.concurrent.CompletableFuture;

/** Collects every frame into the report and completes the job's future. */
final class ReportSink implements FrameSink {
    private final CompletableFuture<MediaReport> future;

    ReportSink(CompletableFuture<MediaReport> future) {
        this.future = future;
    }

    @Override
    public void frame(FrameResult frame, MediaReport.Builder report) {
        report.addFrame(frame);
    }

    @Override
    public void finished(MediaReport report) {
        future.complete(report);
    }

    @Override
    public void failed(RuntimeException error) {
        future.completeExceptionally(error);
    }
}
