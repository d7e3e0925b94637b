package io.visionpipeline.redis.testing;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.StageException;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The trivial work of the queue-level tests and the benchmark: a pipeline executor that answers
 * each job with a one-frame report naming its media, after an optional delay (with a progress
 * event half way), and always fails jobs whose media name contains {@code poison}. It measures
 * and exercises the distribution layer, not a model; the end-to-end tests run the real BlazeFace
 * pipeline through Redis.
 */
public final class EchoExecutor implements PipelineExecutor {
    private final Duration delay;
    private final ScheduledExecutorService timer;
    private final Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();

    /**
     * @param delay how long each job takes; zero answers at once
     */
    public EchoExecutor(Duration delay) {
        this.delay = delay;
        this.timer = delay.isZero() ? null : Executors.newScheduledThreadPool(1, r -> {
            Thread t = new Thread(r, "echo-executor");
            t.setDaemon(true);
            return t;
        });
    }

    /** @return an executor that answers at once */
    public static EchoExecutor instant() {
        return new EchoExecutor(Duration.ZERO);
    }

    /**
     * @param jobId a job
     * @return how often this executor started it
     */
    public int runs(String jobId) {
        AtomicInteger n = runs.get(jobId);
        return n == null ? 0 : n.get();
    }

    /** @return how many jobs it started in all */
    public int totalRuns() {
        return runs.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /**
     * @param job a job
     * @return the report the echo gives it
     */
    public static MediaReport report(AnalysisJob job) {
        MediaInfo media = new MediaInfo(job.source().id(), MediaKind.IMAGE, "echo", Duration.ZERO, 1, 1, 0, 1, "echo", "");
        return MediaReport.builder(media).sampling(job.pipeline().sampling().text())
                .addFrame(FrameResult.builder(0, Duration.ZERO).build()).build();
    }

    @Override
    public CompletableFuture<MediaReport> submit(AnalysisJob job, ProgressListener progress) {
        runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
        if (job.source().id().contains("poison")) {
            return CompletableFuture.failedFuture(new StageException("poison job " + job.source().id() + " always fails"));
        }
        if (delay.isZero()) {
            return CompletableFuture.completedFuture(report(job));
        }
        CompletableFuture<MediaReport> future = new CompletableFuture<>();
        long half = delay.toMillis() / 2;
        timer.schedule(() -> progress.onProgress(new Progress(job.id(), job.source().id(), 1, 2, Duration.ZERO, Duration.ZERO,
                Duration.ofMillis(half), false)), half, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> done = timer.schedule(() -> future.complete(report(job)), delay.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((r, e) -> done.cancel(false));
        return future;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
