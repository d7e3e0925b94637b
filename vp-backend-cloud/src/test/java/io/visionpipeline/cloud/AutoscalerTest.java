package io.visionpipeline.cloud;

import io.visionpipeline.cloud.FallbackEvent.Cause;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.testing.Simulation;
import io.visionpipeline.cloud.testing.VastAiSimulator;
import io.visionpipeline.cloud.vastai.InstanceRequest;
import io.visionpipeline.cloud.vastai.OfferQuery;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.MediaTransport;
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
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The autoscaler's decisions, one behaviour per test, in the simulated world: the real Redis
 * queue, the Vast.ai simulator through the real client, workers and clock simulated.
 */
@Timeout(180)
class AutoscalerTest {
    static final PipelineSpec SPEC = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));
    private static final Duration TICK = Duration.ofSeconds(10);

    private Simulation sim;
    private VastAiExecutor executor;

    @BeforeEach
    void create() {
        sim = new Simulation(Duration.ofSeconds(60));
        sim.cloud.market(60, 7);
        sim.cloud.bootTime(Duration.ofSeconds(40));
    }

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
        sim.close();
    }

    private static ScalingPolicy.Builder policy() {
        return ScalingPolicy.builder().expectedJobTime(Duration.ofSeconds(60)).targetLatency(Duration.ofMinutes(5)).maxInstances(10)
                .maxRentsPerTick(10).idleTimeout(Duration.ofMinutes(2)).bootTimeout(Duration.ofMinutes(3))
                .heartbeatTimeout(Duration.ofSeconds(40)).tickInterval(TICK);
    }

    private VastAiExecutor start(Autoscaler.Builder fleet) {
        executor = VastAiExecutor.builder(fleet).mediaTransport(MediaTransport.REFERENCE).build();
        return executor;
    }

    /** Submits jobs and waits until they are all in the queue. */
    private List<CompletableFuture<MediaReport>> submit(int n) {
        List<CompletableFuture<MediaReport>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            futures.add(executor.submit(new AnalysisJob("job-" + i, MediaSource.of(Path.of("/media/clip-" + i + ".mp4")), SPEC, null),
                    ProgressListener.NONE));
        }
        sim.awaitQueued(n);
        return futures;
    }

    /** Steps until every job is done and every instance gone (or fails after {@code most} steps). */
    private void runToEnd(List<CompletableFuture<MediaReport>> jobs, int most) throws InterruptedException {
        for (int i = 0; i < most; i++) {
            sim.step(executor.autoscaler(), TICK);
            if (jobs.stream().allMatch(CompletableFuture::isDone) && sim.cloud.live().isEmpty() && !executor.costReport().fallbackActive()) {
                return;
            }
            if (jobs.stream().allMatch(CompletableFuture::isDone)) {
                Thread.sleep(5);
            }
        }
        throw new AssertionError("not done after " + most + " steps: " + executor.costReport());
    }

    @Test
    void rentsWhatTheBacklogNeedsWithinTheTargetLatencyThenDestroysIdleInstances() throws InterruptedException {
        start(sim.fleet(Budget.of(5, 20), policy().build(), 2, 2));
        List<CompletableFuture<MediaReport>> jobs = submit(30);
        sim.step(executor.autoscaler(), TICK);

        assertThat(sim.cloud.rentals()).as("30 jobs x 60 s in 5 min = 6 slots = 3 instances of 2").hasSize(3)
                .allSatisfy(r -> {
                    assertThat(r.env()).containsEntry(WorkerTemplate.WORKER_ID_ENV, r.label())
                            .containsEntry(WorkerTemplate.PREFIX_ENV, sim.queue.keys().prefix())
                            .containsEntry(WorkerTemplate.QUEUE_ENV, sim.queue.keys().queue())
                            .containsKey("VP_REDIS_URI");
                    assertThat(r.onstart()).startsWith("exec vp worker ").contains("--concurrency 2").hasSizeLessThanOrEqualTo(InstanceRequest.MAX_ONSTART);
                    assertThat(r.image()).isEqualTo("registry.example.com/vp-worker:test");
                });
        runToEnd(jobs, 200);

        assertThat(jobs).allSatisfy(f -> assertThat(f.join().warnings()).isEmpty());
        CostReport costs = executor.costReport();
        assertThat(costs.jobs(JobCost.Placement.CLOUD)).isEqualTo(30);
        assertThat(costs.fellBack()).isFalse();
        assertThat(costs.instances()).hasSize(3).allSatisfy(i -> {
            assertThat(i.state()).isEqualTo(InstanceCost.State.GONE);
            assertThat(i.endReason()).startsWith("idle for");
            assertThat(i.bootedAt()).isAfterOrEqualTo(i.rentedAt().plus(Duration.ofSeconds(40)));
        });
        assertThat(costs.spent()).as("the account matches the provider's bill").isCloseTo(sim.bill(),
                org.assertj.core.data.Offset.offset(1e-6));
        assertThat(costs.jobsCost()).as("jobs pay for their run time; boot and idle are the rest").isPositive().isLessThan(costs.spent());
        assertThat(costs.jobs()).allSatisfy(j -> {
            assertThat(j.runTime()).isEqualTo(Duration.ofSeconds(60));
            assertThat(j.cost()).isPositive();
        });
    }

    @Test
    void otherWorkersOfTheQueueCountBeforeRenting() {
        sim.workers.local("vps-worker", 4).start();
        start(sim.fleet(Budget.of(5, 20), policy().build(), 2, 2));
        submit(30);
        sim.step(executor.autoscaler(), TICK);

        assertThat(sim.cloud.rentals()).as("6 slots needed, 4 on the VPS worker: 1 instance").hasSize(1);
    }

    @Test
    void aSmallBacklogOnAnIdleQueueStillGetsOneInstance() {
        start(sim.fleet(Budget.of(5, 20), policy().build(), 2, 2));
        submit(1);
        sim.step(executor.autoscaler(), TICK);

        assertThat(sim.cloud.rentals()).as("no worker at all: one job needs one").hasSize(1);
    }

    @Test
    void anInstanceThatNeverBootsIsDestroyedAfterTheBootTimeoutAndLocalWorkersTakeTheJobs() throws InterruptedException {
        sim.cloud.neverBootEvery(1);
        start(sim.fleet(Budget.of(5, 20), policy().maxInstances(1).build(), 2, 2));
        List<CompletableFuture<MediaReport>> jobs = submit(4);
        runToEnd(jobs, 300);

        assertThat(sim.cloud.rentals()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("loading");
            assertThat(r.destroyedAt()).isNotNull();
            assertThat(Duration.between(r.createdAt(), r.destroyedAt())).isGreaterThan(Duration.ofMinutes(3))
                    .isLessThanOrEqualTo(Duration.ofMinutes(3).plus(TICK));
        });
        CostReport costs = executor.costReport();
        assertThat(costs.fallbacks()).extracting(FallbackEvent::cause).contains(Cause.BOOT_TIMEOUT);
        assertThat(costs.jobs(JobCost.Placement.LOCAL_FALLBACK)).isEqualTo(4);
        assertThat(jobs).allSatisfy(f -> assertThat(f.join().warnings()).singleElement().asString()
                .contains("local fallback worker local-sim").contains("BOOT_TIMEOUT").contains("did not start within PT3M"));
        assertThat(costs.instances()).allSatisfy(i -> assertThat(i.endReason()).startsWith("its worker did not start within PT3M"));
    }

    @Test
    void aCreateWhoseAnswerWasLostIsFoundByItsLabelChargedFromItsCreationAndUsed() throws InterruptedException {
        sim.cloud.loseNextCreateAnswers(1);
        start(sim.fleet(Budget.of(5, 20), policy().maxInstances(1).build(), 2, 2));
        List<CompletableFuture<MediaReport>> jobs = submit(4);
        sim.step(executor.autoscaler(), TICK);
        assertThat(executor.costReport().instances()).singleElement().satisfies(i -> assertThat(i.state()).isEqualTo(InstanceCost.State.UNCONFIRMED));

        sim.step(executor.autoscaler(), TICK);
        assertThat(executor.costReport().instances()).singleElement().satisfies(i -> {
            assertThat(i.state()).isEqualTo(InstanceCost.State.BOOTING);
            assertThat(i.instanceId()).isEqualTo(sim.cloud.rentals().get(0).id());
        });
        runToEnd(jobs, 200);

        assertThat(sim.cloud.rentals()).as("rented once, never twice").hasSize(1);
        assertThat(executor.costReport().jobs(JobCost.Placement.CLOUD) + executor.costReport().jobs(JobCost.Placement.LOCAL_FALLBACK))
                .isEqualTo(4);
    }

    @Test
    void instancesAnEarlierRunOfTheFleetLeftBehindAreDestroyedAtStart() {
        Autoscaler.Builder fleet = sim.fleet(Budget.of(5, 20), policy().build(), 2, 2);
        long orphan = sim.client.createInstance(sim.client.searchOffers(OfferQuery.builder().build()).get(0).id(),
                InstanceRequest.builder("old-image").label(sim.fleet + ".0a1b.77").build());
        long stranger = sim.client.createInstance(sim.client.searchOffers(OfferQuery.builder().build()).get(0).id(),
                InstanceRequest.builder("someone-elses").label("training-run").build());
        start(fleet);
        executor.autoscaler().tick();

        assertThat(sim.cloud.live()).extracting(VastAiSimulator.Rental::id).doesNotContain(orphan).contains(stranger);
    }

    @Test
    void aBudgetThatAllowsNoInstanceRentsNothingAndTheJobsRunLocallyWithTheReason() throws InterruptedException {
        start(sim.fleet(Budget.of(0.05, 20), policy().build(), 2, 2));
        List<CompletableFuture<MediaReport>> jobs = submit(3);
        runToEnd(jobs, 300);

        assertThat(sim.cloud.rentals()).isEmpty();
        CostReport costs = executor.costReport();
        assertThat(costs.spent()).isZero();
        assertThat(costs.fallbacks()).extracting(FallbackEvent::cause).containsOnly(Cause.BUDGET);
        assertThat(costs.fallbacks().get(0).detail()).contains("above the limit of $0.05/h");
        assertThat(jobs).allSatisfy(f -> assertThat(f.join().warnings()).singleElement().asString().contains("BUDGET"));
    }
}
