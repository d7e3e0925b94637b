package io.visionpipeline.redis.queue;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.SlotHash;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.JobOutcome.Status;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The Redis Streams layer and its scripts, against the real Redis. */
@Timeout(60)
class JobQueueTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(2);

    private RedisQueueConfig config;
    private JobQueue queue;

    @BeforeEach
    void connect() {
        config = TestRedis.config().build();
        queue = JobQueue.connect(config);
    }

    @AfterEach
    void cleanUp() {
        queue.close();
        TestRedis.deleteKeys(config);
    }

    static JobMessage message(String id, String submitter) {
        PipelineSpec spec = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));
        return JobMessage.of(new AnalysisJob(id, MediaSource.of(Path.of("/media/" + id + ".png")), spec, null),
                MediaRef.file(Path.of("/media/" + id + ".png")), submitter);
    }

    static MediaReport report(String media) {
        return MediaReport.builder(new MediaInfo(media, MediaKind.IMAGE, "png_pipe", Duration.ZERO, 4, 4, 0, 1, "png", "")).build();
    }

    private List<QueuedJob> read(String consumer, int count) {
        return queue.xreadgroup(consumer, ReadOptions.count(count).block(Duration.ofMillis(200)));
    }

    @Test
    void finishStoresEachOutcomeOnceTellsTheSubmitterAndRemovesTheEntry() {
        queue.xadd(message("a", "sub"), null).join();
        queue.xadd(message("b", "sub"), null).join();
        List<QueuedJob> jobs = read("w1", 10);
        assertThat(jobs).extracting(j -> j.message().id()).containsExactly("a", "b");
        assertThat(jobs).allSatisfy(j -> assertThat(j.deliveries()).isEqualTo(1));
        assertThat(queue.check(jobs)).containsExactly(JobQueue.Check.RUN, JobQueue.Check.RUN);

        List<Boolean> stored = queue.finish(jobs.stream()
                .map(j -> Finish.outcome(j, JobOutcome.done(report(j.message().media().id()), "w1", j.deliveries()))).toList());
        assertThat(stored).containsExactly(true, true);
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 0, 0));

        assertThat(queue.xadd(message("a", "sub"), null).join()).as("a finished job is not queued again").isEmpty();

        JobOutcome a = queue.results().get("a").orElseThrow();
        assertThat(a.status()).isEqualTo(Status.DONE);
        assertThat(a.worker()).isEqualTo("w1");
        assertThat(a.report().media().mediaId()).isEqualTo("/media/a.png");
        assertThat(queue.replies().xread("sub", "0-0", ReadOptions.count(10)))
                .extracting(e -> e.jobId() + ":" + e.type() + ":" + e.stored())
                .containsExactly("a:DONE:true", "b:DONE:true");
        assertThat(queue.stats().waiting() + queue.stats().inFlight()).isZero();
    }

    @Test
    void aJobIdIsQueuedOnceHoweverOftenItIsSubmittedAndARedeliveredDuplicateStoresNothing() {
        String first = queue.xadd(message("once", "sub"), null).join().orElseThrow();
        assertThat(queue.xadd(message("once", "sub"), null).join()).contains(first);
        assertThat(queue.stats().waiting()).isEqualTo(1);

        QueuedJob job = read("w1", 10).get(0);
        assertThat(queue.finish(List.of(Finish.outcome(job, JobOutcome.done(report("once"), "w1", 1))))).containsExactly(true);
        assertThat(queue.finish(List.of(Finish.outcome(job, JobOutcome.done(report("other"), "w2", 2))))).containsExactly(false);
        assertThat(queue.results().get("once").orElseThrow().worker()).isEqualTo("w1");
    }

    @Test
    void aReleasedJobIsClaimableAfterItsDelayWithTheDeliveryCountedAndItsErrorKept() throws InterruptedException {
        queue.xadd(message("r", "sub"), null).join();
        QueuedJob job = read("w1", 1).get(0);
        JobError error = new JobError("io.visionpipeline.stage.StageException", "model failed", "w1");
        assertThat(queue.release("w1", VISIBILITY, List.of(Release.retry(job, Duration.ofMillis(300), error)))).containsExactly(true);

        ClaimOptions stale = ClaimOptions.minIdle(VISIBILITY).count(10);
        assertThat(queue.xautoclaim("w2", stale).jobs()).isEmpty();
        Thread.sleep(400);
        List<QueuedJob> claimed = queue.xautoclaim("w2", stale).jobs();
        assertThat(claimed).singleElement().satisfies(j -> {
            assertThat(j.message().id()).isEqualTo("r");
            assertThat(j.deliveries()).isEqualTo(2);
        });
        assertThat(queue.lastErrors(List.of("r", "unknown"))).containsExactly(Map.entry("r", error));
    }

    @Test
    void aHandedBackJobIsClaimableAtOnceAndTheDeliveryDoesNotCount() {
        queue.xadd(message("h", "sub"), null).join();
        QueuedJob job = read("w1", 1).get(0);
        queue.release("w1", VISIBILITY, List.of(Release.handBack(job)));
        assertThat(queue.xautoclaim("w2", ClaimOptions.minIdle(VISIBILITY).count(10)).jobs())
                .singleElement().satisfies(j -> assertThat(j.deliveries()).isEqualTo(1));
    }

    @Test
    void touchKeepsARunningJobFromBeingClaimedAndReportsCancellationAndLoss() throws InterruptedException {
        queue.xadd(message("t", "sub"), null).join();
        QueuedJob job = read("w1", 1).get(0);
        Thread.sleep(300);
        assertThat(queue.touch("w1", List.of(job))).containsExactly(JobQueue.Touch.EXTENDED);
        assertThat(queue.xautoclaim("w2", ClaimOptions.minIdle(Duration.ofMillis(250)).count(10)).jobs()).isEmpty();

        queue.cancel("t").join();
        assertThat(queue.touch("w1", List.of(job))).containsExactly(JobQueue.Touch.CANCELLED);

        assertThat(queue.xautoclaim("w2", ClaimOptions.minIdle(Duration.ZERO).count(10)).jobs()).hasSize(1);
        assertThat(queue.touch("w1", List.of(job))).containsExactly(JobQueue.Touch.LOST);
        assertThat(queue.release("w1", VISIBILITY, List.of(Release.handBack(job)))).containsExactly(false);
    }

    @Test
    void aDeadLetterKeepsTheJobAndItsLastErrorAndStoresTheFailure() {
        queue.xadd(message("poison", "sub"), null).join();
        QueuedJob job = read("w1", 1).get(0);
        JobError error = new JobError("java.lang.IllegalStateException", "always fails", "w1");
        queue.finish(List.of(Finish.deadLetter(job, JobOutcome.ended(Status.FAILED, error, "w1", 3))));

        assertThat(queue.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.jobEntryId()).isEqualTo(job.entryId());
            assertThat(dead.message()).contains("\"id\":\"poison\"");
            assertThat(dead.outcome().error()).isEqualTo(error);
            assertThat(dead.outcome().deliveries()).isEqualTo(3);
        });
        assertThat(queue.results().get("poison").orElseThrow().status()).isEqualTo(Status.FAILED);
        assertThat(queue.stats()).isEqualTo(new QueueStats(0, 0, 1, 0));
    }

    @Test
    void anUnreadableEntryIsReportedAsSuchAndCanBeDeadLettered() {
        RedisClient client = RedisClient.create(TestRedis.URI);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().xadd(config.keys().stream(), Map.of(JobQueue.JOB_FIELD, "{not json"));
        } finally {
            client.shutdown();
        }
        QueuedJob job = read("w1", 1).get(0);
        assertThat(job.readable()).isFalse();
        assertThat(job.problem()).startsWith("unreadable job: not a JobMessage");
        queue.finish(List.of(Finish.deadLetter(job, null)));
        assertThat(queue.deadLetters(10)).singleElement().satisfies(dead -> {
            assertThat(dead.message()).isEqualTo("{not json");
            assertThat(dead.outcome()).isNull();
        });
    }

    @Test
    void locateTellsFinishedQueuedAndLostJobsApart() {
        queue.xadd(message("f", "sub"), null).join();
        QueuedJob job = read("w1", 1).get(0);
        queue.finish(List.of(Finish.outcome(job, JobOutcome.done(report("f"), "w1", 1))));
        queue.xadd(message("q", "sub"), null).join();
        assertThat(queue.locate(List.of("f", "q", "gone")))
                .containsEntry("f", JobQueue.Location.FINISHED)
                .containsEntry("q", JobQueue.Location.QUEUED)
                .containsEntry("gone", JobQueue.Location.LOST);
    }

    @Test
    void inlineMediaTravelsUnderItsOwnKeyAndGoesWithTheJob() {
        byte[] bytes = {1, 2, 3, 4};
        PipelineSpec spec = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));
        JobMessage message = JobMessage.of(new AnalysisJob("in", MediaSource.of("upload.png", () -> null), spec, null),
                MediaRef.inline("upload.png", 4), "sub");
        queue.xadd(message, bytes).join();
        QueuedJob job = read("w1", 1).get(0);
        assertThat(queue.media("in")).containsExactly(bytes);
        queue.finish(List.of(Finish.outcome(job, JobOutcome.done(report("upload.png"), "w1", 1))));
        assertThat(queue.media("in")).isNull();
    }

    @Test
    void everyKeyStartsWithThePrefixAndSharesOneClusterSlot() {
        queue.xadd(message("k1", "sub"), null).join();
        queue.xadd(message("k2", "sub"), null).join();
        List<QueuedJob> jobs = read("w1", 2);
        queue.release("w1", VISIBILITY, List.of(Release.retry(jobs.get(1), Duration.ofSeconds(1), new JobError("E", "m", "w1"))));
        queue.finish(List.of(Finish.outcome(jobs.get(0), JobOutcome.done(report("k1"), "w1", 1))));
        queue.cancel("k2").join();
        queue.workers().heartbeat(new WorkerStatus("w1", "host", 1, WorkerStatus.State.RUNNING, 1, 0, 0, 0, 0, 0,
                java.time.Instant.now(), java.time.Instant.now()), Duration.ofSeconds(5));

        List<String> keys = new ArrayList<>();
        RedisClient client = RedisClient.create(TestRedis.URI);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            keys.addAll(raw.sync().keys(config.keys().prefix() + "*"));
        } finally {
            client.shutdown();
        }
        assertThat(keys).hasSizeGreaterThanOrEqualTo(7).allSatisfy(k -> assertThat(k).startsWith(config.keys().prefix() + "{jobs}:"));
        Set<Integer> slots = keys.stream().map(SlotHash::getSlot).collect(Collectors.toSet());
        assertThat(slots).containsExactly(SlotHash.getSlot("{jobs}"));
    }

    @Test
    void pruneDeletesIdleConsumersWithoutJobsButKeepsThoseHoldingJobs() throws InterruptedException {
        queue.xadd(message("p1", "sub"), null).join();
        queue.xadd(message("p2", "sub"), null).join();
        read("holder", 1);
        QueuedJob done = read("idle", 1).get(0);
        queue.finish(List.of(Finish.outcome(done, JobOutcome.done(report("p2"), "idle", 1))));
        Thread.sleep(50);
        assertThat(queue.pruneConsumers(Duration.ofMillis(10))).isEqualTo(1);
        assertThat(queue.xautoclaim("other", ClaimOptions.minIdle(Duration.ZERO).count(10)).jobs()).hasSize(1);
    }

    @Test
    void theConsumerGroupIsCreatedAgainWhenRedisLostIt() {
        RedisClient client = RedisClient.create(TestRedis.URI);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            raw.sync().del(config.keys().stream());
        } finally {
            client.shutdown();
        }
        assertThat(read("w1", 1)).isEmpty();
        queue.xadd(message("again", "sub"), null).join();
        assertThat(read("w1", 1)).extracting(j -> j.message().id()).containsExactly("again");
    }
}
