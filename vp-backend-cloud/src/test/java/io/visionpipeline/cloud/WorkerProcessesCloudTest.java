package io.visionpipeline.cloud;

import io.lettuce.core.Consumer;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.models.stream.PendingMessage;
import io.visionpipeline.cloud.FallbackEvent.Cause;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.testing.ProcessRuntime;
import io.visionpipeline.cloud.testing.VastAiSimulator;
import io.visionpipeline.cloud.vastai.VastAiClient;
import io.visionpipeline.cloud.vastai.VastAiCredentials;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.MediaTransport;
import io.visionpipeline.redis.queue.JobMessage;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real time, real processes: the simulated Vast.ai boots an instance by running its onstart
 * script with bash in the environment it was created with; {@code vp worker} there is a child JVM
 * running a real {@link RedisWorker} against the real Redis. One instance dies mid-job.
 */
@Timeout(240)
class WorkerProcessesCloudTest {
    private static final String KEY = "vk-processes-5be1f0c2d9a3";

    private final RedisQueueConfig queue = TestRedis.config().build();
    private VastAiSimulator cloud;
    private VastAiExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
        if (cloud != null) {
            cloud.close();
        }
        TestRedis.deleteKeys(queue);
    }

    @Test
    void instancesRunTheirWorkerProcessesAndTheJobsOfOneKilledMidJobCompleteElsewhere() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "cloud-workers", "killed-mid-job"));
        ProcessRuntime runtime = new ProcessRuntime(dir);
        cloud = new VastAiSimulator(Clock.systemUTC(), KEY, runtime).market(20, 3);
        cloud.bootTime(Duration.ofMillis(300));
        VastAiClient client = VastAiClient.builder().baseUri(cloud.uri()).credentials(VastAiCredentials.of(KEY))
                .backoff(Duration.ofMillis(20), Duration.ofMillis(200)).build();
        Budget budget = Budget.of(2.00, 1.00).guard(Duration.ofSeconds(2));
        Autoscaler.Builder fleet = Autoscaler.builder(queue, client)
                .worker(WorkerTemplate.builder("registry.example.com/vp-worker:test").redisUri(TestRedis.URI).concurrency(2)
                        .env("VP_TEST_JOB_MILLIS", "400").workerOptions("--visibility-timeout", "3s").build())
                .budget(budget)
                .policy(ScalingPolicy.builder().expectedJobTime(Duration.ofSeconds(1)).targetLatency(Duration.ofSeconds(2)).maxInstances(2)
                        .idleTimeout(Duration.ofSeconds(3)).bootTimeout(Duration.ofSeconds(90)).heartbeatTimeout(Duration.ofSeconds(5))
                        .tickInterval(Duration.ofMillis(250)).build())
                .localWorkers(LocalWorkers.inProcess(() -> RedisWorker.builder(queue).id("local-echo").concurrency(2)
                        .visibilityTimeout(Duration.ofSeconds(3)).heartbeatInterval(Duration.ofMillis(500))
                        .executor(new EchoExecutor(Duration.ofMillis(400)))));
        executor = VastAiExecutor.builder(fleet).mediaTransport(MediaTransport.REFERENCE).build();
        List<CompletableFuture<MediaReport>> jobs = new ArrayList<>();
        for (int i = 0; i < 80; i++) {
            jobs.add(executor.submit(new AnalysisJob("job-" + i, MediaSource.of(Path.of("/media/clip-" + i + ".mp4")), AutoscalerTest.SPEC, null),
                    ProgressListener.NONE));
        }

        await(() -> executor.costReport().instances().stream().filter(i -> i.state() == InstanceCost.State.RUNNING).count() == 2, 120);
        VastAiSimulator.Rental doomed = cloud.live().get(0);
        await(() -> heldBy(doomed.label()).size() == 2, 30);
        Set<String> held = heldBy(doomed.label());
        cloud.kill(doomed.id());

        CompletableFuture.allOf(jobs.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        Map<String, JobOutcome> outcomes;
        try (JobQueue q = JobQueue.connect(queue)) {
            outcomes = q.results().get(IntStream.range(0, 80).mapToObj(i -> "job-" + i).toList()).get(10, TimeUnit.SECONDS);
        }
        assertThat(outcomes).hasSize(80).allSatisfy((id, o) -> assertThat(o.status()).isEqualTo(JobOutcome.Status.DONE));
        for (String jobId : held) {
            assertThat(outcomes.get(jobId).worker()).as("job %s, held by the killed instance", jobId).isNotEqualTo(doomed.label());
            assertThat(outcomes.get(jobId).deliveries()).isGreaterThanOrEqualTo(2);
        }
        assertThat(runtime.log(doomed.label())).as("its onstart ran vp worker with the label as id").contains("READY " + doomed.label());
        CostReport costs = executor.costReport();
        assertThat(costs.instances()).filteredOn(i -> i.label().equals(doomed.label())).singleElement()
                .satisfies(i -> assertThat(i.endReason()).contains("exited"));
        assertThat(costs.fallbacks()).extracting(FallbackEvent::cause).contains(Cause.INSTANCE_LOST);
        assertThat(costs.jobs(JobCost.Placement.CLOUD) + costs.jobs(JobCost.Placement.LOCAL_FALLBACK)).isEqualTo(80);

        executor.close();
        executor = null;
        assertThat(cloud.live()).as("closing destroys every instance").isEmpty();
        assertThat(cloud.bill(Clock.systemUTC().instant(), "")).isLessThanOrEqualTo(budget.maxTotal());
    }

    /** @return the ids of the jobs a consumer holds (read or claimed, not finished) */
    private Set<String> heldBy(String consumer) {
        RedisClient client = RedisClient.create(TestRedis.URI);
        try (StatefulRedisConnection<String, String> raw = client.connect()) {
            Set<String> jobs = new TreeSet<>();
            for (PendingMessage p : raw.sync().xpending(queue.keys().stream(), Consumer.from(queue.group(), consumer), Range.unbounded(),
                    Limit.from(100))) {
                for (StreamMessage<String, String> entry : raw.sync().xrange(queue.keys().stream(), Range.create(p.getId(), p.getId()))) {
                    jobs.add(ReportJson.mapper().readValue(entry.getBody().get(JobQueue.JOB_FIELD), JobMessage.class).id());
                }
            }
            return jobs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            client.shutdown();
        }
    }

    private static void await(BooleanSupplier condition, int seconds) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) {
                throw new AssertionError("not within " + seconds + " s");
            }
            Thread.sleep(20);
        }
    }
}
