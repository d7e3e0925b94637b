package io.visionpipeline.cloud;

import io.visionpipeline.cloud.FallbackEvent.Cause;
import io.visionpipeline.cloud.InstanceCost.State;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.budget.CostMeter;
import io.visionpipeline.cloud.vastai.Instance;
import io.visionpipeline.cloud.vastai.Offer;
import io.visionpipeline.cloud.vastai.OfferQuery;
import io.visionpipeline.cloud.vastai.VastAiClient;
import io.visionpipeline.cloud.vastai.VastAiException;
import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.QueueStats;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.RedisQueueException;
import io.visionpipeline.redis.queue.WorkerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Rents Vast.ai instances that run {@code vp worker} against a Redis job queue when the queue is
 * long, destroys them when they idle, fail to boot or stop heartbeating, and keeps spending within
 * a hard {@link Budget}; when the cloud cannot serve (unreachable, key refused, no offers, budget,
 * instances lost) it starts {@link LocalWorkers} and says why. The {@link VastAiExecutor} runs one;
 * on its own it scales a queue that other processes submit to:
 *
 * <pre>{@code
 * RedisQueueConfig queue = RedisQueueConfig.create("redis://127.0.0.1:6379");
 * try (Autoscaler fleet = Autoscaler.builder(queue, VastAiClient.create())
 *         .worker(WorkerTemplate.builder("ghcr.io/acme/vp-worker:0.1.0").redisUri("rediss://vps.example.com:6380").build())
 *         .offers(OfferQuery.builder().gpuNames("RTX 3090", "RTX 4090").maxDphTotal(0.40).build())
 *         .budget(Budget.of(2.00, 20.00))
 *         .policy(ScalingPolicy.builder().maxInstances(4).build())
 *         .start()) {
 *     server.awaitShutdown();
 *     System.out.println(fleet.costReport());
 * }   // close(): every instance destroyed and confirmed gone
 * }</pre>
 *
 * <p>Each {@link #tick()} (every {@link ScalingPolicy#tickInterval()}) reads the queue's depth and
 * its workers' heartbeats (each instance's worker id is its label) and lists the fleet's
 * instances in one call; follows each instance (booting, running, idle, lost); destroys instances
 * when the budget requires; rents what the backlog needs ({@link ScalingPolicy}); and manages the
 * local fallback. The jobs a destroyed instance's worker held go back to the queue at once
 * ({@link JobQueue#requeue}), so other workers need not wait for the visibility timeout. Time comes from the {@link Clock}, so a simulation can drive ticks itself
 * ({@link Builder#manualTicks()}).
 *
 * @since 0.1
 */
public final class Autoscaler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Autoscaler.class);

    /** The most per-job costs kept for {@link #costReport()}. */
    public static final int JOB_COSTS_KEPT = 10_000;
    /** The most fallback events kept. */
    public static final int FALLBACKS_KEPT = 100;
    /** The most gone instances kept for the report. */
    public static final int GONE_KEPT = 1_000;
    /** How long closing waits for each instance to be confirmed gone. */
    public static final Duration CONFIRM_TIMEOUT = Duration.ofMinutes(1);

    private final VastAiClient vast;
    private final JobQueue queue;
    private final WorkerTemplate worker;
    private final OfferQuery offers;
    private final ScalingPolicy policy;
    private final CostMeter meter;
    private final LocalWorkers local;
    private final Clock clock;
    private final String fleet;
    private final String run = UUID.randomUUID().toString().substring(0, 4);
    private final Map<String, CloudInstance> instances = new ConcurrentHashMap<>();
    private final Deque<FallbackEvent> fallbacks = new ArrayDeque<>();
    private final Deque<JobCost> jobCosts = new ArrayDeque<>();
    private final Map<JobCost.Placement, Long> placements = new EnumMap<>(JobCost.Placement.class);
    private final ScheduledExecutorService ticker;
    private double jobsCost;
    private long sequence;
    private boolean orphansChecked;
    private Instant localIdleSince;
    private volatile FallbackEvent activeFallback;
    private volatile boolean closed;

    private Autoscaler(Builder b, JobQueue queue) {
        this.vast = b.vast;
        this.queue = queue;
        this.worker = b.worker;
        this.offers = b.offers.minDiskGb() >= b.worker.diskGb() ? b.offers : b.offers.withMinDiskGb(b.worker.diskGb());
        this.policy = b.policy;
        this.meter = new CostMeter(b.budget);
        this.clock = b.clock;
        this.fleet = b.fleet;
        this.local = b.local != null ? b.local
                : LocalWorkers.inProcess(queue.config(), fleet + "-local-" + UUID.randomUUID().toString().substring(0, 4), worker.concurrency());
        if (b.manualTicks) {
            this.ticker = null;
        } else {
            this.ticker = Executors.newSingleThreadScheduledExecutor(Waiting.daemons("vp-vastai-autoscaler"));
            ticker.scheduleWithFixedDelay(this::safeTick, 0, policy.tickInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        LOG.info("Vast.ai autoscaler '{}' serves {}: {}, {}, up to {} instance(s) of {}", fleet, queue.config().describe(), b.budget, offers,
                policy.maxInstances(), worker);
    }

    /**
     * @param queue the queue to serve (the instances' workers reach it at {@link WorkerTemplate.Builder#redisUri})
     * @param vast  the Vast.ai API
     * @return a builder
     */
    public static Builder builder(RedisQueueConfig queue, VastAiClient vast) {
        return new Builder(queue, vast);
    }

    /** @return the queue this autoscaler serves */
    public RedisQueueConfig queueConfig() {
        return queue.config();
    }

    /** @return the label prefix of this fleet's instances */
    public String fleet() {
        return fleet;
    }

    /** @return the cloud failure local workers stand in for now, empty when they do not */
    public Optional<FallbackEvent> activeFallback() {
        return Optional.ofNullable(activeFallback);
    }

    /**
     * Looks at the queue and the instances once and acts: follows, destroys, rents, falls back.
     * Runs on its own every tick interval unless built with {@link Builder#manualTicks()}.
     */
    public synchronized void tick() {
        if (closed) {
            return;
        }
        Instant now = clock.instant();
        List<FallbackEvent> failures = new ArrayList<>();
        QueueStats stats = null;
        Map<String, WorkerStatus> live = null;
        try {
            stats = queue.stats();
            live = new HashMap<>();
            for (WorkerStatus w : queue.workers().live()) {
                live.put(w.id(), w);
            }
        } catch (RedisQueueException e) {
            LOG.warn("Autoscaler '{}' cannot read the queue; scaling waits for Redis: {}", fleet, e.getMessage());
        }
        Map<String, Instance> listed = null;
        try {
            listed = listFleet();
        } catch (VastAiException e) {
            failures.add(failure(now, "listing instances", e));
        }
        for (CloudInstance i : List.copyOf(instances.values())) {
            follow(i, listed, live, stats, now, failures);
        }
        shed(now, stats, failures);
        if (stats != null && listed != null) {
            scaleUp(stats, live, now, failures);
        }
        if (stats != null) {
            fallBack(stats, now, failures);
        }
    }

    /** @return what the cloud cost so far, per instance and per job, and the fallbacks */
    public CostReport costReport() {
        Instant now = clock.instant();
        List<InstanceCost> all = instances.values().stream().sorted(Comparator.comparingLong(i -> i.sequence))
                .map(i -> i.snapshot(meter.cost(i.label, now))).toList();
        synchronized (jobCosts) {
            return new CostReport(now, meter.budget(), meter.spent(now), meter.burnPerHour(), all, List.copyOf(jobCosts),
                    placements, jobsCost, List.copyOf(fallbacks), activeFallback != null);
        }
    }

    /**
     * Accounts for a finished job: where it ran and its share of its instance's price.
     *
     * @param jobId   the job
     * @param mediaId its media
     * @param outcome its stored outcome (names the worker)
     * @return its cost
     */
    JobCost account(String jobId, String mediaId, JobOutcome outcome) {
        Duration run = outcome.report() == null ? Duration.ZERO : outcome.report().timings().wallTime();
        CloudInstance instance = instances.get(outcome.worker());
        JobCost cost;
        if (instance != null) {
            instance.jobs.incrementAndGet();
            double usd = CostMeter.cost(instance.usdPerHour, run) / worker.concurrency();
            cost = new JobCost(jobId, mediaId, JobCost.Placement.CLOUD, outcome.worker(), instance.label, run, usd, "");
        } else if (local.workerIds().contains(outcome.worker())) {
            FallbackEvent why = activeFallback;
            cost = new JobCost(jobId, mediaId, JobCost.Placement.LOCAL_FALLBACK, outcome.worker(), "", run, 0,
                    why == null ? lastFallbackDetail() : why.cause() + ": " + why.detail());
        } else {
            cost = new JobCost(jobId, mediaId, JobCost.Placement.OTHER_WORKER, outcome.worker(), "", run, 0, "");
        }
        synchronized (jobCosts) {
            jobCosts.addLast(cost);
            if (jobCosts.size() > JOB_COSTS_KEPT) {
                jobCosts.removeFirst();
            }
            placements.merge(cost.placement(), 1L, Long::sum);
            jobsCost += cost.cost();
        }
        return cost;
    }

    /**
     * Stops scaling, destroys every instance and waits (up to {@link #CONFIRM_TIMEOUT} each) until
     * it is confirmed gone, stops the local workers and closes the queue connection. An instance
     * that cannot be destroyed is logged as an error naming it: it may still be billed.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (ticker != null) {
            ticker.shutdown();
            try {
                if (!ticker.awaitTermination(policy.tickInterval().toMillis() + CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    ticker.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            destroyAll();
        }
        local.close();
        queue.close();
        LOG.info("Vast.ai autoscaler '{}' closed. {}", fleet, costReport());
    }

    @Override
    public String toString() {
        return "Autoscaler[" + fleet + ", " + queue.config().describe() + ", " + meter.budget() + "]";
    }

    private void safeTick() {
        try {
            tick();
        } catch (RuntimeException e) {
            LOG.error("Autoscaler '{}' tick failed", fleet, e);
        }
    }

    /** @return this fleet's instances by label; on the first call, destroys instances an earlier run of the fleet left behind */
    private Map<String, Instance> listFleet() {
        Map<String, Instance> listed = new HashMap<>();
        for (Instance instance : vast.instances()) {
            if (instance.label().startsWith(fleet + ".")) {
                listed.put(instance.label(), instance);
            }
        }
        if (!orphansChecked) {
            orphansChecked = true;
            for (Instance orphan : listed.values()) {
                if (!instances.containsKey(orphan.label())) {
                    LOG.warn("Destroying Vast.ai instance {} ({}): an earlier run of fleet '{}' left it behind", orphan.id(), orphan.label(), fleet);
                    try {
                        vast.destroyInstance(orphan.id());
                    } catch (VastAiException e) {
                        LOG.error("Cannot destroy the left-behind instance {} ({}); it may still be billed: {}", orphan.id(), orphan.label(),
                                e.getMessage());
                    }
                }
            }
        }
        return listed;
    }

    private void follow(CloudInstance i, Map<String, Instance> listed, Map<String, WorkerStatus> live, QueueStats stats, Instant now,
                        List<FallbackEvent> failures) {
        switch (i.state) {
            case GONE -> {
                return;
            }
            case UNCONFIRMED -> {
                confirmCreate(i, listed, now);
                return;
            }
            case DESTROYING -> {
                if (listed != null && !listed.containsKey(i.label)) {
                    gone(i, now);
                } else if (i.id > 0) {
                    destroy(i, i.endReason, now);
                }
                return;
            }
            default -> {
            }
        }
        if (listed != null) {
            Instance polled = listed.get(i.label);
            if (polled == null) {
                gone(i, now);
                i.endReason = "disappeared from the account";
                failures.add(new FallbackEvent(now, Cause.INSTANCE_LOST, "instance " + i + " disappeared from the account"));
                return;
            }
            i.polled = polled;
            if (polled.dphTotal() > 0 && polled.dphTotal() != i.usdPerHour) {
                meter.reprice(i.label, polled.dphTotal(), now);
                i.usdPerHour = polled.dphTotal();
            }
            if (polled.hasFailed()) {
                lost(i, "its container is " + polled.actualStatus() + (polled.statusMessage().isEmpty() ? "" : " (" + polled.statusMessage().strip() + ")"),
                        Cause.INSTANCE_LOST, now, failures);
                return;
            }
        }
        if (live == null) {
            return;
        }
        WorkerStatus w = live.get(i.label);
        if (w != null && (i.lastHeartbeat == null || w.heartbeatAt().isAfter(i.lastHeartbeat))) {
            i.lastHeartbeat = w.heartbeatAt();
        }
        boolean fresh = i.lastHeartbeat != null && Duration.between(i.lastHeartbeat, now).compareTo(policy.heartbeatTimeout()) <= 0;
        if (i.state == State.BOOTING) {
            if (fresh) {
                i.state = State.RUNNING;
                i.bootedAt = now;
                LOG.info("Vast.ai instance {} runs its worker, {} s after renting", i, Duration.between(i.rentedAt, now).toSeconds());
            } else if (Duration.between(i.rentedAt, now).compareTo(policy.bootTimeout()) > 0) {
                lost(i, "its worker did not start within " + policy.bootTimeout() + (i.polled == null ? ""
                        : " (status " + i.polled.actualStatus() + ")"), Cause.BOOT_TIMEOUT, now, failures);
                return;
            }
        }
        if (i.state != State.RUNNING) {
            return;
        }
        if (!fresh) {
            lost(i, "its worker sent no heartbeat for " + policy.heartbeatTimeout(), Cause.INSTANCE_LOST, now, failures);
            return;
        }
        boolean idle = w != null && w.inFlight() == 0 && stats != null && stats.waiting() == 0;
        if (!idle) {
            i.idleSince = null;
        } else if (i.idleSince == null) {
            i.idleSince = now;
        } else if (Duration.between(i.idleSince, now).compareTo(policy.idleTimeout()) >= 0) {
            LOG.info("Vast.ai instance {} idled for {}; destroying it", i, policy.idleTimeout());
            destroy(i, "idle for " + policy.idleTimeout(), now);
        }
    }

    /** A create whose answer was lost: adopt the instance when its label shows up, else stop charging for it. */
    private void confirmCreate(CloudInstance i, Map<String, Instance> listed, Instant now) {
        if (listed == null) {
            return;
        }
        Instance found = listed.get(i.label);
        if (found != null) {
            i.id = found.id();
            i.state = State.BOOTING;
            LOG.info("The lost create of {} did rent instance {}; following it", i.label, found.id());
        } else if (Duration.between(i.rentedAt, now).compareTo(policy.tickInterval()) >= 0) {
            LOG.info("The lost create of {} rented nothing: no instance has that label", i.label);
            i.endReason = "create failed";
            gone(i, now);
        }
    }

    private void lost(CloudInstance i, String why, Cause cause, Instant now, List<FallbackEvent> failures) {
        LOG.warn("Vast.ai instance {}: {}; destroying it", i, why);
        failures.add(new FallbackEvent(now, cause, "instance " + i + ": " + why));
        destroy(i, why, now);
    }

    /**
     * Destroys an instance and confirms it is gone (one that cannot be confirmed yet stays charged
     * and is tried again next tick); the jobs its worker held go back to the queue at once.
     */
    private void destroy(CloudInstance i, String why, Instant now) {
        boolean ran = i.bootedAt != null && i.state != State.DESTROYING;
        i.endReason = why;
        i.state = State.DESTROYING;
        try {
            vast.destroyInstance(i.id);
            if (vast.instance(i.id).isEmpty()) {
                gone(i, now);
            }
        } catch (VastAiException e) {
            LOG.error("Cannot destroy Vast.ai instance {} yet; it is still billed and will be tried again: {}", i, e.getMessage());
        }
        if (ran) {
            try {
                long held = queue.requeue(i.label);
                if (held > 0) {
                    LOG.info("The {} job(s) instance {} held go back to the queue", held, i);
                }
            } catch (RedisQueueException e) {
                LOG.warn("Cannot hand back the jobs of instance {}; they return after the workers' visibility timeout: {}", i, e.getMessage());
            }
        }
    }

    private void gone(CloudInstance i, Instant now) {
        i.state = State.GONE;
        i.endedAt = now;
        meter.close(i.label, now);
        List<CloudInstance> goneOnes = instances.values().stream().filter(c -> c.state == State.GONE)
                .sorted(Comparator.comparingLong(c -> c.sequence)).toList();
        for (int k = 0; k < goneOnes.size() - GONE_KEPT; k++) {
            instances.remove(goneOnes.get(k).label);
        }
    }

    /** Destroys instances, idle ones first, then booting, then the most expensive, while the budget requires. */
    private void shed(Instant now, QueueStats stats, List<FallbackEvent> failures) {
        double excess = meter.mustShed(now);
        if (excess <= 0) {
            return;
        }
        List<CloudInstance> victims = instances.values().stream().filter(i -> i.id > 0 && (i.state == State.BOOTING || i.state == State.RUNNING))
                .sorted(Comparator.comparingInt((CloudInstance i) -> i.state == State.RUNNING && i.idleSince != null ? 0
                                : i.state == State.BOOTING ? 1 : 2)
                        .thenComparing(Comparator.comparingDouble((CloudInstance i) -> i.usdPerHour).reversed()))
                .toList();
        String why = String.format(java.util.Locale.ROOT, "the budget: $%.4f spent of $%.2f at $%.3f/h (limit $%.2f/h)", meter.spent(now),
                meter.budget().maxTotal(), meter.burnPerHour(), meter.budget().maxPerHour());
        for (Iterator<CloudInstance> it = victims.iterator(); it.hasNext() && excess > 0; ) {
            CloudInstance victim = it.next();
            LOG.warn("Destroying Vast.ai instance {} to stay within {}", victim, why);
            excess -= victim.usdPerHour;
            destroy(victim, "destroyed to stay within " + why, now);
        }
        if (stats != null && stats.waiting() + stats.inFlight() > 0) {
            failures.add(new FallbackEvent(now, Cause.BUDGET, "instances destroyed to stay within " + why));
        }
    }

    private void scaleUp(QueueStats stats, Map<String, WorkerStatus> live, Instant now, List<FallbackEvent> failures) {
        long needed = policy.slotsNeeded(stats.waiting() + stats.inFlight());
        long otherSlots = live.values().stream().filter(w -> !instances.containsKey(w.id()) && w.state() == WorkerStatus.State.RUNNING
                        && Duration.between(w.heartbeatAt(), now).compareTo(policy.heartbeatTimeout()) <= 0)
                .mapToLong(WorkerStatus::concurrency).sum();
        long cloudSlots = needed - otherSlots;
        if (cloudSlots <= 0) {
            return;
        }
        long desired = Math.min(policy.maxInstances(), (cloudSlots + worker.concurrency() - 1) / worker.concurrency());
        long have = instances.values().stream().filter(CloudInstance::providing).count();
        long toRent = Math.min(desired - have, policy.maxRentsPerTick());
        if (toRent <= 0) {
            return;
        }
        List<Offer> found;
        try {
            found = vast.searchOffers(offers);
        } catch (VastAiException e) {
            failures.add(failure(now, "searching offers", e));
            return;
        }
        Iterator<Offer> next = found.iterator();
        for (long rented = 0; rented < toRent; ) {
            if (!next.hasNext()) {
                failures.add(new FallbackEvent(now, Cause.NO_OFFERS, found.isEmpty() ? "no offer meets " + offers
                        : "the " + found.size() + " offer(s) meeting the query were taken"));
                return;
            }
            Offer offer = next.next();
            CostMeter.Admission admission = meter.admit(offer.dphTotal(), now);
            if (!admission.allowed()) {
                LOG.warn("Autoscaler '{}' does not rent {}: {}", fleet, offer, admission.reason());
                failures.add(new FallbackEvent(now, Cause.BUDGET, "not renting: " + admission.reason()));
                return;
            }
            Rent result = rent(offer, now, failures);
            if (result == Rent.RENTED) {
                rented++;
            } else if (result == Rent.FAILED) {
                return;
            }
        }
    }

    /** How renting one offer went. */
    private enum Rent {
        /** Rented. */
        RENTED,
        /** Someone else rented it meanwhile: take the next offer. */
        TAKEN,
        /** Failed (added to the tick's failures): stop renting this tick. */
        FAILED
    }

    private Rent rent(Offer offer, Instant now, List<FallbackEvent> failures) {
        long seq = ++sequence;
        String label = fleet + "." + run + "." + seq;
        try {
            long id = vast.createInstance(offer.id(), worker.request(label, queue.keys()));
            meter.open(label, offer.dphTotal(), now);
            instances.put(label, new CloudInstance(label, seq, offer, now, id, State.BOOTING));
            LOG.info("Autoscaler '{}' rented {} as {} (#{}); ${}/h now", fleet, offer, label, id, String.format(java.util.Locale.ROOT, "%.3f",
                    meter.burnPerHour()));
            return Rent.RENTED;
        } catch (VastAiException e) {
            switch (e.reason()) {
                case OFFER_GONE -> {
                    LOG.info("Offer {} was rented by someone else meanwhile; taking the next", offer.id());
                    return Rent.TAKEN;
                }
                case OUTCOME_UNKNOWN -> {
                    meter.open(label, offer.dphTotal(), now);
                    instances.put(label, new CloudInstance(label, seq, offer, now, 0, State.UNCONFIRMED));
                    LOG.warn("Renting offer {} as {}: {}; charging it until the listing shows whether it exists", offer.id(), label, e.getMessage());
                    failures.add(failure(now, "renting offer " + offer.id(), e));
                    return Rent.FAILED;
                }
                default -> {
                    failures.add(failure(now, "renting offer " + offer.id(), e));
                    return Rent.FAILED;
                }
            }
        }
    }

    /** Starts local workers when the cloud failed while jobs wait; stops them once the queue was empty for the idle timeout. */
    private void fallBack(QueueStats stats, Instant now, List<FallbackEvent> failures) {
        boolean backlog = stats.waiting() + stats.inFlight() > 0;
        if (!failures.isEmpty() && backlog) {
            FallbackEvent why = failures.get(0);
            FallbackEvent before = activeFallback;
            if (before == null || before.cause() != why.cause()) {
                LOG.warn("Vast.ai cannot serve queue {} ({}: {}); its jobs run on local workers until it can", queue.config().describe(),
                        why.cause(), why.detail());
                synchronized (jobCosts) {
                    fallbacks.addLast(why);
                    if (fallbacks.size() > FALLBACKS_KEPT) {
                        fallbacks.removeFirst();
                    }
                }
            }
            activeFallback = why;
            localIdleSince = null;
            if (!local.running()) {
                try {
                    local.start();
                } catch (RuntimeException e) {
                    LOG.error("Cannot start the local fallback workers: {}", e.getMessage(), e);
                }
            }
            return;
        }
        if (!local.running()) {
            activeFallback = null;
            return;
        }
        if (backlog) {
            localIdleSince = null;
        } else if (localIdleSince == null) {
            localIdleSince = now;
        } else if (Duration.between(localIdleSince, now).compareTo(policy.idleTimeout()) >= 0) {
            LOG.info("The queue was empty for {}; stopping the local fallback workers", policy.idleTimeout());
            local.stop();
            activeFallback = null;
            localIdleSince = null;
        }
    }

    private void destroyAll() {
        for (CloudInstance i : instances.values()) {
            if (i.state == State.GONE) {
                continue;
            }
            if (i.id == 0) {
                confirmLostCreateAtClose(i);
                continue;
            }
            try {
                vast.destroyAndConfirm(i.id, CONFIRM_TIMEOUT);
                if (i.endReason.isEmpty()) {
                    i.endReason = "executor closed";
                }
                gone(i, clock.instant());
            } catch (VastAiException e) {
                LOG.error("Cannot destroy Vast.ai instance {}; it may still be billed, destroy it at https://cloud.vast.ai/instances/: {}", i,
                        e.getMessage());
            }
        }
    }

    private void confirmLostCreateAtClose(CloudInstance i) {
        try {
            Optional<Instance> found = vast.instances().stream().filter(x -> x.label().equals(i.label)).findFirst();
            if (found.isPresent()) {
                i.id = found.get().id();
                vast.destroyAndConfirm(i.id, CONFIRM_TIMEOUT);
            }
            i.endReason = found.isPresent() ? "executor closed" : "create failed";
            gone(i, clock.instant());
        } catch (VastAiException e) {
            LOG.error("Cannot find out whether the lost create of {} rented an instance; check https://cloud.vast.ai/instances/: {}", i.label,
                    e.getMessage());
        }
    }

    private String lastFallbackDetail() {
        synchronized (jobCosts) {
            FallbackEvent last = fallbacks.peekLast();
            return last == null ? "" : last.cause() + ": " + last.detail();
        }
    }

    private static FallbackEvent failure(Instant now, String what, VastAiException e) {
        Cause cause = switch (e.reason()) {
            case UNREACHABLE -> Cause.CLOUD_UNREACHABLE;
            case UNAUTHORIZED, MISSING_KEY -> Cause.UNAUTHORIZED;
            case RATE_LIMITED -> Cause.RATE_LIMITED;
            default -> Cause.API_ERROR;
        };
        return new FallbackEvent(now, cause, e.getMessage());
    }

    /**
     * Configures an {@link Autoscaler}; methods are named after what they set and check their
     * argument at once; {@link #start()} checks that the whole makes sense.
     */
    public static final class Builder {
        private final RedisQueueConfig queue;
        private final VastAiClient vast;
        private WorkerTemplate worker;
        private OfferQuery offers = OfferQuery.builder().build();
        private Budget budget;
        private ScalingPolicy policy = ScalingPolicy.defaults();
        private LocalWorkers local;
        private Clock clock = Clock.systemUTC();
        private String fleet;
        private boolean manualTicks;

        private Builder(RedisQueueConfig queue, VastAiClient vast) {
            this.queue = Objects.requireNonNull(queue, "queue");
            this.vast = Objects.requireNonNull(vast, "vast");
            this.fleet = defaultFleet(queue.keys().prefix() + "-" + queue.keys().queue());
        }

        /** @return {@code vp-jobs} for the default queue, else the prefix and queue name made fit for a label */
        private static String defaultFleet(String prefixAndQueue) {
            String name = prefixAndQueue.replaceAll("[^A-Za-z0-9_-]+", "-").replaceAll("-{2,}", "-").replaceAll("^-|-$", "");
            return name.length() > 41 ? name.substring(name.length() - 41).replaceAll("^[^A-Za-z0-9]+", "") : name;
        }

        /**
         * @param template what each instance runs (required)
         * @return this builder
         */
        public Builder worker(WorkerTemplate template) {
            this.worker = Objects.requireNonNull(template, "template");
            return this;
        }

        /**
         * @param query which offers may be rented (default: any GPU, one whole GPU, verified hosts, at most $0.50/h)
         * @return this builder
         */
        public Builder offers(OfferQuery query) {
            this.offers = Objects.requireNonNull(query, "query");
            return this;
        }

        /**
         * @param budget the spending limits (required: there is no default amount of money)
         * @return this builder
         */
        public Builder budget(Budget budget) {
            this.budget = Objects.requireNonNull(budget, "budget");
            return this;
        }

        /**
         * @param policy when to rent and destroy (default {@link ScalingPolicy#defaults()})
         * @return this builder
         */
        public Builder policy(ScalingPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /**
         * @param workers who takes the jobs when the cloud cannot (default: one in-process
         *                {@link io.visionpipeline.redis.worker.RedisWorker} with a local executor)
         * @return this builder
         */
        public Builder localWorkers(LocalWorkers workers) {
            this.local = Objects.requireNonNull(workers, "workers");
            return this;
        }

        /**
         * @param name the fleet's name: its instances are labelled {@code <name>.<run>.<n>}
         *             (default: the queue's prefix and name, {@code vp-jobs} for the default queue); at
         *             start, instances with this prefix that an earlier run left behind are destroyed,
         *             so give each autoscaler sharing a Vast.ai account its own
         * @return this builder
         */
        public Builder fleet(String name) {
            Objects.requireNonNull(name, "name");
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,40}")) {
                throw new IllegalArgumentException("a fleet name is 1-41 letters, digits, '_' or '-': " + name);
            }
            this.fleet = name;
            return this;
        }

        /**
         * @param clock where time comes from (default: the system clock); simulations pass their own
         * @return this builder
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * Does not tick on its own: the caller calls {@link Autoscaler#tick()} (simulations,
         * applications with their own scheduler).
         *
         * @return this builder
         */
        public Builder manualTicks() {
            this.manualTicks = true;
            return this;
        }

        /** @return the queue it will serve */
        public RedisQueueConfig queue() {
            return queue;
        }

        /**
         * Connects to the queue and starts ticking.
         *
         * @return the running autoscaler; close it to destroy its instances
         * @throws IllegalStateException when the worker template or the budget is missing, or the
         *                               budget's guard window is shorter than two ticks
         * @throws RedisQueueException   when Redis cannot be reached
         */
        public Autoscaler start() {
            if (worker == null) {
                throw new IllegalStateException("No worker template: worker(WorkerTemplate.builder(image).redisUri(...).build())");
            }
            if (budget == null) {
                throw new IllegalStateException("No budget: budget(Budget.of(maxUsdPerHour, maxUsdInAll)) - the autoscaler never rents without one");
            }
            if (budget.guard().compareTo(policy.tickInterval().multipliedBy(2)) < 0) {
                throw new IllegalStateException("The budget's guard window " + budget.guard() + " must be at least two ticks ("
                        + policy.tickInterval().multipliedBy(2) + ") so instances go before the total is reached");
            }
            if (offers.maxDphTotal() > budget.maxPerHour()) {
                LOG.warn("Offers up to ${}/h may be rented but the budget allows ${}/h in all", offers.maxDphTotal(), budget.maxPerHour());
            }
            return JobQueue.connect(queue, q -> new Autoscaler(this, q));
        }
    }
}
