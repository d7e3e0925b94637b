package io.visionpipeline.redis;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessage;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.JobMessage;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.QueueStats;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.WorkerStatus;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.testing.WorkerProcess;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance load tests: workers as child JVMs, as deployed, against the real Redis. Bounded:
 * 10,000 trivial jobs (the echo work measures the distribution layer, not a model).
 */
@Timeout(300)
class WorkerProcessesTest {
    private static final Logger LOG = LoggerFactory.getLogger(WorkerProcessesTest.class);
    private static final PipelineSpec SPEC = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));

    private Path logs;
    private RedisQueueConfig config;
    private final List<WorkerProcess> workers = new ArrayList<>();

    @BeforeEach
    void configure(TestInfo test) throws java.io.IOException {
        config = TestRedis.config().build();
        logs = java.nio.file.Files.createDirectories(Path.of("target", "worker-logs", test.getTestMethod().orElseThrow().getName()));
    }

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (WorkerProcess worker : workers) {
            worker.close();
        }
        TestRedis.deleteKeys(config);
    }

    private WorkerProcess startWorker(String id, int concurrency, Duration visibility, Duration work) throws Exception {
        WorkerProcess worker = WorkerProcess.start(config, TestRedis.URI, id, concurrency, visibility, work, logs);
        workers.add(worker);
        return worker;
    }

    private static AnalysisJob job(int i) {
        return new AnalysisJob("job-" + i, MediaSource.of(Path.of("/media/clip-" + i + ".mp4")), SPEC, null);
    }

    @Test
    void tenThousandJobsThroughFourWorkerProcessesCompleteExactlyOnceWithNoneLost() throws Exception {
        for (int w = 1; w <= 4; w++) {
            startWorker("load-" + w, 64, Duration.ofSeconds(30), Duration.ZERO);
        }
        int n = 10_000;
        try (RedisExecutor executor = RedisExecutor.builder(config).build()) {
            long start = System.nanoTime();
            List<CompletableFuture<MediaReport>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                futures.add(executor.submit(job(i), ProgressListener.NONE));
            }
            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(240, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - start) / 1e9;
            LOG.info("{} jobs through 4 worker processes in {} s (a test, not a benchmark: see RedisThroughputBenchmark)", n,
                    String.format("%.1f", seconds));
            for (int i = 0; i < n; i++) {
                assertThat(futures.get(i).join().media().mediaId()).isEqualTo("/media/clip-" + i + ".mp4");
            }
            List<String> ids = java.util.stream.IntStream.range(0, n).mapToObj(i -> "job-" + i).toList();
            Map<String, JobOutcome> outcomes = executor.queue().results().get(ids).get(30, TimeUnit.SECONDS);
            assertThat(outcomes).hasSize(n);
            assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.status()).isEqualTo(JobOutcome.Status.DONE));
            assertThat(executor.queue().stats()).extracting(QueueStats::waiting, QueueStats::inFlight, QueueStats::deadLetters)
                    .containsExactly(0L, 0L, 0L);
        }
        long completed = 0;
        long duplicates = 0;
        for (WorkerProcess worker : workers) {
            WorkerStatus status = ReportJson.mapper().readValue(worker.stop().orElseThrow(), WorkerStatus.class);
            assertThat(status.state()).isEqualTo(WorkerStatus.State.STOPPED);
            assertThat(status.completed()).as("every worker took a share").isPositive();
            completed += status.completed();
            duplicates += status.duplicates();
        }
        assertThat(completed).as("outcomes stored over all workers: each job exactly once").isEqualTo(n);
        LOG.info("{} outcomes stored; {} extra run(s) of jobs whose outcome was stored already (at-least-once delivery)", completed, duplicates);
    }

    @Test
    void aWorkerKilledMidJobHasItsJobsRedeliveredAfterTheVisibilityTimeoutWithNoneLostOrDuplicated() throws Exception {
        Duration visibility = Duration.ofSeconds(5);
        Duration work = Duration.ofMillis(250);
        WorkerProcess doomed = startWorker("doomed", 4, visibility, work);
        WorkerProcess survivor1 = startWorker("survivor-1", 4, visibility, work);
        WorkerProcess survivor2 = startWorker("survivor-2", 4, visibility, work);
        int n = 240;
        Map<String, String> heldByDoomed;
        Instant killedAt;
        try (RedisExecutor executor = RedisExecutor.builder(config).build()) {
            List<CompletableFuture<MediaReport>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                futures.add(executor.submit(job(i), ProgressListener.NONE));
            }
            RedisExecutorTest.awaitTrue(() -> executor.queue().results().get("job-40").isPresent());
            RedisExecutorTest.awaitTrue(() -> pendingOf("doomed").size() == 4);
            doomed.kill();
            killedAt = Instant.now();
            heldByDoomed = pendingOf("doomed");
            assertThat(heldByDoomed).as("jobs the killed worker held").isNotEmpty();

            CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
            Map<String, JobOutcome> outcomes = executor.queue().results().get(
                    java.util.stream.IntStream.range(0, n).mapToObj(i -> "job-" + i).toList()).get(30, TimeUnit.SECONDS);
            assertThat(outcomes).hasSize(n);
            for (int i = 0; i < n; i++) {
                JobOutcome stored = outcomes.get("job-" + i);
                assertThat(stored.status()).isEqualTo(JobOutcome.Status.DONE);
                assertThat(futures.get(i).join()).as("the submitter got the one stored report").isEqualTo(stored.report());
            }
            for (String jobId : heldByDoomed.values()) {
                JobOutcome redelivered = outcomes.get(jobId);
                assertThat(redelivered.worker()).isIn("survivor-1", "survivor-2");
                assertThat(redelivered.deliveries()).isEqualTo(2);
                assertThat(redelivered.finishedAt()).as("claimed only after the visibility timeout")
                        .isAfterOrEqualTo(killedAt.plus(visibility).minusMillis(500));
            }
            long storedByDoomed = outcomes.values().stream().filter(o -> o.worker().equals("doomed")).count();
            assertThat(executor.queue().stats()).extracting(QueueStats::waiting, QueueStats::inFlight).containsExactly(0L, 0L);

            long storedBySurvivors = 0;
            long extraRuns = 0;
            for (WorkerProcess survivor : List.of(survivor1, survivor2)) {
                WorkerStatus status = ReportJson.mapper().readValue(survivor.stop().orElseThrow(), WorkerStatus.class);
                storedBySurvivors += status.completed();
                extraRuns += status.duplicates();
            }
            assertThat(storedByDoomed + storedBySurvivors).as("each job stored exactly once").isEqualTo(n);
            LOG.info("killed worker held {} job(s); {} stored by it before the kill, {} by the survivors; {} extra run(s) of jobs "
                    + "stored already (at-least-once delivery)", heldByDoomed.size(), storedByDoomed, storedBySurvivors, extraRuns);
        }
    }

    /** @return the entry id to job id of every job the consumer holds */
    private Map<String, String> pendingOf(String consumer) {
        RedisClient client = RedisClient.create(TestRedis.URI);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            List<PendingMessage> pending = raw.sync().xpending(config.keys().stream(), Consumer.from(config.group(), consumer),
                    Range.unbounded(), Limit.from(1000));
            Map<String, String> jobs = new HashMap<>();
            for (PendingMessage p : pending) {
                List<StreamMessage<String, String>> entry = raw.sync().xrange(config.keys().stream(), Range.create(p.getId(), p.getId()));
                if (!entry.isEmpty()) {
                    JobMessage message = ReportJson.mapper().readValue(entry.get(0).getBody().get(JobQueue.JOB_FIELD), JobMessage.class);
                    jobs.put(p.getId(), message.id());
                }
            }
            return jobs;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            client.shutdown();
        }
    }
}
