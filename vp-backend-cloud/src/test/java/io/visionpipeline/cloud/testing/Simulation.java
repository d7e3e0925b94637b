package io.visionpipeline.cloud.testing;

import io.visionpipeline.cloud.Autoscaler;
import io.visionpipeline.cloud.ScalingPolicy;
import io.visionpipeline.cloud.WorkerTemplate;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.vastai.OfferQuery;
import io.visionpipeline.cloud.vastai.VastAiClient;
import io.visionpipeline.cloud.vastai.VastAiCredentials;
import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.TestRedis;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A simulated world for the autoscaler: the real Redis queue (under a fresh prefix), the Vast.ai
 * simulator on loopback reached through the real {@link VastAiClient}, instances whose workers run
 * on a {@link MutableClock}, and the autoscaler ticking on that clock. Each {@link #step} moves the
 * clock one tick, boots what is due, lets the workers work, ticks the autoscaler and checks the
 * budget against the simulator's bill.
 */
public final class Simulation implements AutoCloseable {
    /** The API key of the simulated account. */
    public final String apiKey = "vk-" + UUID.randomUUID().toString().replace("-", "");
    /** The simulated time. */
    public final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T09:00:00Z"));
    /** The queue. */
    public final RedisQueueConfig queue = TestRedis.config().build();
    /** The instances' workers. */
    public final SimulatedWorkers workers;
    /** Vast.ai. */
    public final VastAiSimulator cloud;
    /** The client the autoscaler uses. */
    public final VastAiClient client;
    /** The fleet's name: the label prefix of its instances. */
    public final String fleet = "sim-" + queue.keys().prefix().replace(":", "");
    private Budget budget;
    private double lastBill;
    private int steps;

    /**
     * @param jobTime how long a job takes on a worker slot, simulated
     */
    public Simulation(Duration jobTime) {
        workers = new SimulatedWorkers(queue, clock, jobTime, Duration.ofSeconds(2));
        cloud = new VastAiSimulator(clock, apiKey, workers);
        client = VastAiClient.builder().baseUri(cloud.uri()).credentials(VastAiCredentials.of(apiKey))
                .backoff(Duration.ofMillis(5), Duration.ofMillis(40)).maxAttempts(8).build();
    }

    /**
     * @param budget      the limits (checked at every step)
     * @param policy      the scaling policy
     * @param concurrency jobs per instance
     * @param local       the local fallback workers' slots
     * @return an autoscaler builder on manual ticks and the simulated clock
     */
    public Autoscaler.Builder fleet(Budget budget, ScalingPolicy policy, int concurrency, int local) {
        this.budget = budget;
        return Autoscaler.builder(queue, client)
                .worker(WorkerTemplate.builder("registry.example.com/vp-worker:test").redisUri(TestRedis.URI).concurrency(concurrency).build())
                .offers(OfferQuery.builder().gpuNames("RTX 3090", "RTX 4090", "RTX A4000").minCudaMaxGood(12.0).minReliability(0.95)
                        .maxDphTotal(0.45).build())
                .budget(budget)
                .policy(policy)
                .localWorkers(workers.local("local-sim", local))
                .fleet(fleet)
                .clock(clock)
                .manualTicks();
    }

    /**
     * One tick: moves the clock, boots instances that are due, lets every worker work, ticks the
     * autoscaler, and asserts that the provider's bill is within the budget, that spending per
     * hour is within its limit, and that the autoscaler's own account is never below the bill.
     *
     * @param autoscaler the autoscaler
     * @param tick       how far to move the clock
     */
    public void step(Autoscaler autoscaler, Duration tick) {
        clock.advance(tick);
        cloud.update();
        workers.step();
        autoscaler.tick();
        Instant now = clock.instant();
        double bill = bill();
        assertThat(bill).as("the provider's bill at step %d (%s)", steps, now).isLessThanOrEqualTo(budget.maxTotal());
        assertThat(cloud.burnPerHour(fleet + ".")).as("USD per hour at step %d", steps).isLessThanOrEqualTo(budget.maxPerHour());
        assertThat(autoscaler.costReport().spent()).as("the autoscaler's account at step %d", steps).isGreaterThanOrEqualTo(bill - 1e-9);
        assertThat(bill).as("the bill never shrinks").isGreaterThanOrEqualTo(lastBill);
        lastBill = bill;
        steps++;
    }

    /**
     * Waits until jobs submitted (added asynchronously) are in the queue.
     *
     * @param jobs how many must be waiting or running
     */
    public void awaitQueued(long jobs) {
        long until = System.nanoTime() + 30_000_000_000L;
        try (JobQueue q = JobQueue.connect(queue)) {
            while (q.stats().waiting() + q.stats().inFlight() < jobs) {
                if (System.nanoTime() > until) {
                    throw new AssertionError("fewer than " + jobs + " jobs queued after 30 s: " + q.stats());
                }
                Waiting.sleep(5);
            }
        }
    }

    /** @return what the provider billed for the fleet's instances so far */
    public double bill() {
        return cloud.bill(clock.instant(), fleet + ".");
    }

    /** @return steps taken */
    public int steps() {
        return steps;
    }

    @Override
    public void close() {
        workers.close();
        cloud.close();
        TestRedis.deleteKeys(queue);
    }
}
