package io.visionpipeline.cloud;

import io.visionpipeline.cloud.FallbackEvent.Cause;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.testing.Simulation;
import io.visionpipeline.cloud.testing.VastAiSimulator;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.MediaTransport;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.QueueStats;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The scale scenarios on a simulated clock: the real executor, autoscaler, budget, Vast.ai client
 * and Redis queue; a simulated Vast.ai (HTTP on loopback) and workers that take simulated time per
 * job. The budget is checked against the simulator's bill at every tick ({@link Simulation#step}).
 */
@Timeout(600)
class ScaleScenariosTest {
    private static final Logger LOG = LoggerFactory.getLogger(ScaleScenariosTest.class);
    private static final Duration TICK = Duration.ofSeconds(10);

    private Simulation sim;
    private VastAiExecutor executor;

    @AfterEach
    void close() {
        if (executor != null) {
            executor.close();
        }
        sim.close();
    }

    private List<CompletableFuture<MediaReport>> submit(int n) {
        List<CompletableFuture<MediaReport>> futures = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            futures.add(executor.submit(new AnalysisJob("job-" + i, MediaSource.of(Path.of("/media/clip-" + i + ".mp4")), AutoscalerTest.SPEC, null),
                    ProgressListener.NONE));
        }
        return futures;
    }

    private boolean finished(List<CompletableFuture<MediaReport>> jobs) {
        return jobs.stream().allMatch(CompletableFuture::isDone) && sim.cloud.live().stream().noneMatch(r -> r.label().startsWith(sim.fleet))
                && !executor.costReport().fallbackActive();
    }

    /** Every job done exactly as submitted, its outcome stored once, nothing left in the queue. */
    private Map<String, JobOutcome> assertNoneLost(List<CompletableFuture<MediaReport>> jobs) throws Exception {
        for (int i = 0; i < jobs.size(); i++) {
            assertThat(jobs.get(i)).isCompleted();
            assertThat(jobs.get(i).join().media().mediaId()).isEqualTo("/media/clip-" + i + ".mp4");
        }
        Map<String, JobOutcome> outcomes = new HashMap<>();
        try (JobQueue queue = JobQueue.connect(sim.queue)) {
            for (int from = 0; from < jobs.size(); from += 1000) {
                List<String> ids = IntStream.range(from, Math.min(jobs.size(), from + 1000)).mapToObj(i -> "job-" + i).toList();
                outcomes.putAll(queue.results().get(ids).get(30, TimeUnit.SECONDS));
            }
            assertThat(outcomes).hasSize(jobs.size());
            assertThat(outcomes.values()).allSatisfy(o -> assertThat(o.status()).isEqualTo(JobOutcome.Status.DONE));
            assertThat(queue.stats()).extracting(QueueStats::waiting, QueueStats::inFlight, QueueStats::deadLetters).containsExactly(0L, 0L, 0L);
        }
        return outcomes;
    }

    @Test
    void aHundredInstancesRunTenThousandJobsThroughRateLimitsOfferRacesDeadBootsAndKilledInstancesWithinTheBudget() throws Exception {
        sim = new Simulation(Duration.ofSeconds(60));
        sim.cloud.market(400, 11);
        sim.cloud.bootTime(Duration.ofSeconds(60));
        sim.cloud.rateLimitEvery(29);
        sim.cloud.raceNextCreates(6);
        sim.cloud.neverBootEvery(23);
        Budget budget = Budget.of(40, 60).guard(Duration.ofMinutes(2));
        ScalingPolicy policy = ScalingPolicy.builder().expectedJobTime(Duration.ofSeconds(60)).targetLatency(Duration.ofMinutes(5))
                .maxInstances(100).maxRentsPerTick(20).idleTimeout(Duration.ofMinutes(3)).bootTimeout(Duration.ofMinutes(4))
                .heartbeatTimeout(Duration.ofSeconds(40)).tickInterval(TICK).build();
        executor = VastAiExecutor.builder(sim.fleet(budget, policy, 4, 4)).mediaTransport(MediaTransport.REFERENCE).build();
        long start = System.nanoTime();
        Instant simStart = sim.clock.instant();
        List<CompletableFuture<MediaReport>> jobs = submit(10_000);

        List<String> exited = new ArrayList<>();
        List<String> hung = new ArrayList<>();
        for (int step = 0; !finished(jobs); step++) {
            assertThat(step).as("steps (simulated %s)", Duration.between(simStart, sim.clock.instant())).isLessThan(1000);
            sim.step(executor.autoscaler(), TICK);
            if (step == 30 || step == 45) {
                List<VastAiSimulator.Rental> running = sim.cloud.live().stream().filter(r -> r.status().equals("running")).toList();
                VastAiSimulator.Rental dies = running.get(step % running.size());
                VastAiSimulator.Rental hangs = running.get((step + 7) % running.size());
                sim.cloud.kill(dies.id());
                exited.add(dies.label());
                sim.cloud.killWorker(hangs.id());
                hung.add(hangs.label());
            }
            if (jobs.stream().allMatch(CompletableFuture::isDone)) {
                Thread.sleep(2);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, JobOutcome> outcomes = assertNoneLost(jobs);

        CostReport costs = executor.costReport();
        LOG.info("10,000 jobs, {} simulated in {} steps and {} s; peak {} instances; {}", Duration.between(simStart, sim.clock.instant()),
                sim.steps(), String.format("%.1f", seconds), sim.cloud.peakLive(), costs.toString().lines().findFirst().orElse(""));
        assertThat(sim.cloud.peakLive()).as("instances at once").isEqualTo(100);
        assertThat(sim.cloud.requests()).as("429s answered").anyMatch(r -> r.status() == 429);
        assertThat(sim.cloud.requests().stream().filter(r -> r.status() == 410)).as("offers taken meanwhile").hasSize(6);

        Map<String, Set<String>> held = sim.workers.heldWhenKilled();
        List<String> killed = new ArrayList<>(exited);
        killed.addAll(hung);
        long heldJobs = 0;
        for (String worker : killed) {
            assertThat(held).containsKey(worker);
            for (String jobId : held.get(worker)) {
                heldJobs++;
                assertThat(outcomes.get(jobId).worker()).as("job %s held by killed %s", jobId, worker).isNotEqualTo(worker);
                assertThat(outcomes.get(jobId).deliveries()).isGreaterThanOrEqualTo(2);
            }
        }
        assertThat(heldJobs).as("the killed instances held jobs").isGreaterThanOrEqualTo(8);
        assertThat(costs.instances()).filteredOn(i -> exited.contains(i.label())).allSatisfy(i -> assertThat(i.endReason()).contains("exited"));
        assertThat(costs.instances()).filteredOn(i -> hung.contains(i.label()))
                .allSatisfy(i -> assertThat(i.endReason()).contains("no heartbeat for PT40S"));
        assertThat(costs.instances()).filteredOn(i -> i.endReason().startsWith("its worker did not start")).isNotEmpty();
        assertThat(costs.fallbacks()).extracting(FallbackEvent::cause).contains(Cause.BOOT_TIMEOUT, Cause.INSTANCE_LOST);

        assertThat(costs.jobs(JobCost.Placement.CLOUD) + costs.jobs(JobCost.Placement.LOCAL_FALLBACK)).isEqualTo(10_000);
        assertThat(costs.jobs(JobCost.Placement.CLOUD)).isGreaterThan(9_000);
        assertThat(costs.instances()).allSatisfy(i -> assertThat(i.state()).isEqualTo(InstanceCost.State.GONE));
        assertThat(costs.spent()).as("the account equals the provider's bill").isCloseTo(sim.bill(), within(1e-6));
        assertThat(costs.spent()).isLessThanOrEqualTo(budget.maxTotal());
    }

    @Test
    void whenTheTotalRunsOutInstancesGoBeforeItIsCrossedAndLocalWorkersFinishEveryJob() throws Exception {
        sim = new Simulation(Duration.ofSeconds(60));
        sim.cloud.market(80, 5);
        sim.cloud.bootTime(Duration.ofSeconds(60));
        Budget budget = Budget.of(3.00, 0.40).guard(Duration.ofMinutes(2));
        ScalingPolicy policy = ScalingPolicy.builder().expectedJobTime(Duration.ofSeconds(60)).targetLatency(Duration.ofMinutes(5))
                .maxInstances(20).maxRentsPerTick(5).idleTimeout(Duration.ofMinutes(2)).bootTimeout(Duration.ofMinutes(4))
                .heartbeatTimeout(Duration.ofSeconds(40)).tickInterval(TICK).build();
        executor = VastAiExecutor.builder(sim.fleet(budget, policy, 4, 16)).mediaTransport(MediaTransport.REFERENCE).build();
        List<CompletableFuture<MediaReport>> jobs = submit(2_000);

        Instant budgetShed = null;
        for (int step = 0; !finished(jobs); step++) {
            assertThat(step).isLessThan(3000);
            sim.step(executor.autoscaler(), TICK);
            if (budgetShed == null && executor.costReport().instances().stream().anyMatch(i -> i.endReason().contains("to stay within the budget"))) {
                budgetShed = sim.clock.instant();
            }
            if (jobs.stream().allMatch(CompletableFuture::isDone)) {
                Thread.sleep(2);
            }
        }
        assertNoneLost(jobs);

        CostReport costs = executor.costReport();
        LOG.info("Budget scenario: {}", costs.toString().lines().findFirst().orElse(""));
        assertThat(budgetShed).as("instances were destroyed for the budget").isNotNull();
        Instant shed = budgetShed;
        assertThat(sim.cloud.rentals()).as("nothing rented once the budget ran out").allSatisfy(r -> assertThat(r.createdAt()).isBefore(shed));
        assertThat(sim.bill()).as("the budget was used, not just refused").isGreaterThan(0.8 * budget.maxTotal())
                .isLessThanOrEqualTo(budget.maxTotal());
        assertThat(costs.fallbacks()).extracting(FallbackEvent::cause).contains(Cause.BUDGET);
        assertThat(costs.jobs(JobCost.Placement.CLOUD)).isPositive();
        assertThat(costs.jobs(JobCost.Placement.LOCAL_FALLBACK)).isPositive();
        assertThat(costs.jobs(JobCost.Placement.CLOUD) + costs.jobs(JobCost.Placement.LOCAL_FALLBACK)).isEqualTo(2_000);
        assertThat(jobs).filteredOn(f -> !f.join().warnings().isEmpty()).isNotEmpty()
                .allSatisfy(f -> assertThat(f.join().warnings()).singleElement().asString().contains("BUDGET"));
    }
}
