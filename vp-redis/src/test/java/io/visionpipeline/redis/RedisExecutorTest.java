package io.visionpipeline.redis;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.QueueStats;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.WorkerStatus;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The executor and worker runner together, in one JVM, against the real Redis. */
@Timeout(120)
class RedisExecutorTest {
    private static final PipelineSpec SPEC = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));

    private RedisQueueConfig config;
    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeEach
    void configure() {
        config = TestRedis.config().build();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        TestRedis.deleteKeys(config);
    }

    private <T extends AutoCloseable> T opened(T closeable) {
        open.add(closeable);
        return closeable;
    }

    private RedisWorker worker(EchoExecutor work, int concurrency) {
        return opened(RedisWorker.builder(config).concurrency(concurrency).executor(work)
                .visibilityTimeout(Duration.ofSeconds(2)).maxDeliveries(3).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(200))
                .heartbeatInterval(Duration.ofMillis(500)).progressInterval(Duration.ofMillis(1)).shutdownGrace(Duration.ofSeconds(5)).start());
    }

    private RedisExecutor executor() {
        return opened(RedisExecutor.builder(config).build());
    }

    private static AnalysisJob job(String id) {
        return new AnalysisJob(id, MediaSource.of(Path.of("/media/" + id + ".png")), SPEC, null);
    }

    @Test
    void plugsIntoTheVisionPipelineBuilderAndReturnsEachReport() {
        EchoExecutor work = EchoExecutor.instant();
        worker(work, 8);
        List<MediaSource> media = IntStream.range(0, 50).<MediaSource>mapToObj(i -> MediaSource.of(Path.of("/media/clip-" + i + ".mp4"))).toList();
        try (VisionPipeline pipeline = VisionPipeline.builder().faces().executor(RedisExecutor.builder(config).build()).build()) {
            List<AnalysisResult> results = pipeline.analyzeAll(media);
            assertThat(results).hasSize(50).allSatisfy(r -> assertThat(r.isSuccess()).isTrue());
            assertThat(results).extracting(r -> r.report().media().mediaId())
                    .containsExactlyElementsOf(media.stream().map(MediaSource::id).toList());
        }
        assertThat(work.totalRuns()).isEqualTo(50);
    }

    @Test
    void progressEventsReachTheSubmittersListenerAndTheLastSaysFinished() throws Exception {
        worker(new EchoExecutor(Duration.ofMillis(400)), 2);
        List<Progress> events = new CopyOnWriteArrayList<>();
        MediaReport report = executor().submit(job("slow"), events::add).get(30, TimeUnit.SECONDS);
        assertThat(report.media().mediaId()).isEqualTo("/media/slow.png");
        assertThat(events).hasSizeGreaterThanOrEqualTo(2);
        assertThat(events.get(0).finished()).isFalse();
        assertThat(events.get(0).framesDone()).isEqualTo(1);
        assertThat(events.get(events.size() - 1).finished()).isTrue();
        assertThat(events.get(events.size() - 1).fraction()).isEqualTo(1.0);
    }

    @Test
    void aPoisonJobIsDeadLetteredAfterItsDeliveriesWithItsErrorWhileTheOthersComplete() throws Exception {
        EchoExecutor work = EchoExecutor.instant();
        worker(work, 4);
        RedisExecutor executor = executor();
        CompletableFuture<MediaReport> poison = executor.submit(new AnalysisJob("p", MediaSource.of(Path.of("/media/poison.png")), SPEC, null),
                ProgressListener.NONE);
        List<CompletableFuture<MediaReport>> others = IntStream.range(0, 100).mapToObj(i -> executor.submit(job("ok-" + i), ProgressListener.NONE)).toList();
        CompletableFuture.allOf(others.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThatThrownBy(() -> poison.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(JobFailedException.class)
                .hasMessageContaining("'/media/poison.png' failed on worker")
                .hasMessageContaining("after 3 deliveries")
                .hasMessageContaining("dead-letter stream")
                .hasMessageContaining("poison job /media/poison.png always fails")
                .satisfies(e -> {
                    JobFailedException failed = (JobFailedException) e;
                    assertThat(failed.status()).isEqualTo(JobOutcome.Status.FAILED);
                    assertThat(failed.errorType()).isEqualTo("io.visionpipeline.stage.StageException");
                    assertThat(failed.deliveries()).isEqualTo(3);
                });
        assertThat(work.runs("p")).isEqualTo(3);
        assertThat(executor.queue().deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.message()).contains("\"id\":\"p\"");
            assertThat(dead.outcome().error().message()).contains("always fails");
        });
        assertThat(executor.queue().stats()).extracting(QueueStats::waiting, QueueStats::inFlight, QueueStats::deadLetters)
                .containsExactly(0L, 0L, 1L);
    }

    @Test
    void cancellingStopsARunningJobAndAQueuedOneNeverRuns() throws Exception {
        EchoExecutor work = new EchoExecutor(Duration.ofSeconds(20));
        RedisWorker worker = worker(work, 1);
        RedisExecutor executor = executor();
        CompletableFuture<MediaReport> running = executor.submit(job("running"), ProgressListener.NONE);
        CompletableFuture<MediaReport> queued = executor.submit(job("queued"), ProgressListener.NONE);
        awaitTrue(() -> worker.status().inFlight() == 1 && work.runs("running") == 1);
        queued.cancel(true);
        running.cancel(true);
        awaitTrue(() -> executor.queue().results().get("running").isPresent() && executor.queue().results().get("queued").isPresent());
        assertThat(executor.queue().results().get("running").orElseThrow().status()).isEqualTo(JobOutcome.Status.CANCELLED);
        assertThat(executor.queue().results().get("queued").orElseThrow().status()).isEqualTo(JobOutcome.Status.CANCELLED);
        assertThat(work.runs("queued")).isZero();
        assertThat(worker.status().inFlight()).isZero();
        assertThat(running).isCancelled();
    }

    @Test
    void aJobPastItsDeadlineFailsEvenWithNoWorkerAndIsNeverRun() throws Exception {
        RedisExecutor executor = executor();
        Instant deadline = Instant.now().plusMillis(300);
        CompletableFuture<MediaReport> late = executor.submit(new AnalysisJob("late", MediaSource.of(Path.of("/media/late.png")), SPEC, deadline),
                ProgressListener.NONE);
        assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(JobFailedException.class)
                .hasMessageContaining("passed its deadline");
        assertThat(Instant.now()).isAfterOrEqualTo(deadline);
        EchoExecutor work = EchoExecutor.instant();
        RedisWorker worker = worker(work, 1);
        awaitTrue(() -> executor.queue().stats().waiting() == 0 && executor.queue().stats().inFlight() == 0);
        assertThat(work.runs("late")).isZero();
        assertThat(executor.queue().results().get("late").orElseThrow().status()).isIn(JobOutcome.Status.CANCELLED, JobOutcome.Status.EXPIRED);
        assertThat(worker.status().completed()).isZero();
    }

    @Test
    void aJobThatRunsPastItsDeadlineEndsExpired() {
        worker(new EchoExecutor(Duration.ofSeconds(20)), 1);
        RedisExecutor executor = executor();
        CompletableFuture<MediaReport> slow = executor.submit(new AnalysisJob("slow", MediaSource.of(Path.of("/media/slow.png")), SPEC,
                Instant.now().plusMillis(800)), ProgressListener.NONE);
        assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(JobFailedException.class)
                .satisfies(e -> assertThat(((JobFailedException) e).status()).isEqualTo(JobOutcome.Status.EXPIRED));
        awaitTrue(() -> executor.queue().stats().inFlight() == 0);
    }

    @Test
    void resubmittingAFinishedJobIdReturnsTheStoredOutcomeWithoutRunningItAgain() throws Exception {
        EchoExecutor work = EchoExecutor.instant();
        worker(work, 2);
        RedisExecutor executor = executor();
        MediaReport first = executor.submit(job("once"), ProgressListener.NONE).get(30, TimeUnit.SECONDS);
        MediaReport second = executor.submit(job("once"), ProgressListener.NONE).get(30, TimeUnit.SECONDS);
        assertThat(second).isEqualTo(first);
        assertThat(work.runs("once")).isEqualTo(1);
    }

    @Test
    void streamsTravelInlineAndLargerOnesAreRefusedWithAClearError() throws Exception {
        EchoExecutor work = EchoExecutor.instant();
        worker(work, 2);
        RedisExecutor executor = opened(RedisExecutor.builder(config).inlineLimit(1000).build());
        MediaReport report = executor.submit(new AnalysisJob("small", MediaSource.of("small.png", () -> new ByteArrayInputStream(new byte[1000])),
                SPEC, null), ProgressListener.NONE).get(30, TimeUnit.SECONDS);
        assertThat(report.media().mediaId()).isEqualTo("small.png");

        CompletableFuture<MediaReport> big = executor.submit(new AnalysisJob("big", MediaSource.of("big.mp4",
                () -> new ByteArrayInputStream(new byte[1001])), SPEC, null), ProgressListener.NONE);
        assertThatThrownBy(big::join).cause().isInstanceOf(InlineMediaTooLargeException.class)
                .hasMessageContaining("'big.mp4'").hasMessageContaining("inline limit of 1000 bytes")
                .hasMessageContaining("file path or URI");
        assertThat(work.runs("big")).isZero();
    }

    @Test
    void gracefulShutdownHandsUnfinishedJobsBackAndAnotherWorkerFinishesThemAtOnce() throws Exception {
        EchoExecutor slowWork = new EchoExecutor(Duration.ofSeconds(30));
        RedisWorker leaving = RedisWorker.builder(config).id("leaving").concurrency(2).executor(slowWork)
                .visibilityTimeout(Duration.ofSeconds(60)).shutdownGrace(Duration.ofMillis(200)).start();
        RedisExecutor executor = executor();
        List<CompletableFuture<MediaReport>> jobs = List.of(executor.submit(job("h1"), ProgressListener.NONE),
                executor.submit(job("h2"), ProgressListener.NONE));
        awaitTrue(() -> leaving.status().inFlight() == 2);
        leaving.close();
        assertThat(leaving.status().state()).isEqualTo(WorkerStatus.State.STOPPED);

        long start = System.nanoTime();
        RedisWorker staying = RedisWorker.builder(config).id("staying").executor(EchoExecutor.instant())
                .visibilityTimeout(Duration.ofSeconds(60)).start();
        open.add(staying);
        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("claimed at once, not after the 60 s visibility timeout")
                .isLessThan(Duration.ofSeconds(20));
        for (String id : List.of("h1", "h2")) {
            JobOutcome outcome = executor.queue().results().get(id).orElseThrow();
            assertThat(outcome.worker()).isEqualTo("staying");
            assertThat(outcome.deliveries()).as("the handed-back delivery does not count").isEqualTo(1);
        }
    }

    @Test
    void gracefulShutdownLetsRunningJobsFinishWithinTheGrace() throws Exception {
        RedisWorker worker = RedisWorker.builder(config).concurrency(2).executor(new EchoExecutor(Duration.ofMillis(500)))
                .shutdownGrace(Duration.ofSeconds(10)).start();
        RedisExecutor executor = executor();
        CompletableFuture<MediaReport> job = executor.submit(job("finishes"), ProgressListener.NONE);
        awaitTrue(() -> worker.status().inFlight() == 1);
        worker.close();
        assertThat(job.get(10, TimeUnit.SECONDS).media().mediaId()).isEqualTo("/media/finishes.png");
        assertThat(worker.status().completed()).isEqualTo(1);
    }

    @Test
    void aRunningWorkerKeepsAHealthKeyThatGoesWithIt() {
        RedisWorker worker = RedisWorker.builder(config).id("healthy-1").executor(EchoExecutor.instant())
                .heartbeatInterval(Duration.ofMillis(200)).start();
        RedisExecutor executor = executor();
        awaitTrue(() -> executor.queue().workers().get("healthy-1").isPresent());
        assertThat(worker.healthy()).isTrue();
        assertThat(executor.queue().workers().live()).extracting(WorkerStatus::id).containsExactly("healthy-1");
        assertThat(executor.queue().stats().workers()).isEqualTo(1);
        worker.close();
        assertThat(worker.healthy()).isFalse();
        assertThat(executor.queue().workers().get("healthy-1")).isEmpty();
        assertThat(executor.queue().workers().live()).isEmpty();
    }

    @Test
    void aDirectoryIsRefusedAndAClosedExecutorTakesNoJobs() {
        RedisExecutor executor = executor();
        assertThatThrownBy(() -> executor.submit(new AnalysisJob("dir", MediaSource.of(Path.of("/tmp")), SPEC, null), ProgressListener.NONE).join())
                .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is a directory");
        executor.close();
        assertThatThrownBy(() -> executor.submit(job("y"), ProgressListener.NONE).join()).cause().hasMessageContaining("closed");
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("condition not met within 30 s");
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
