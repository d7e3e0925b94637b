package io.visionpipeline.redis.worker;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.ClaimOptions;
import io.visionpipeline.redis.queue.ClaimedJobs;
import io.visionpipeline.redis.queue.Finish;
import io.visionpipeline.redis.queue.JobError;
import io.visionpipeline.redis.queue.JobOutcome.Status;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.QueuedJob;
import io.visionpipeline.redis.queue.ReadOptions;
import io.visionpipeline.redis.queue.RedisQueueException;
import io.visionpipeline.redis.queue.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A worker's reading thread: for each free slot it takes a job, stale jobs of dead workers first
 * ({@code XAUTOCLAIM} every reclaim interval), then new ones ({@code XREADGROUP} with
 * {@code COUNT} = free slots, blocking briefly when there are none), and decides what to do with
 * each: run it, or end it at once (duplicate, cancelled, expired, unreadable, out of tries).
 */
final class JobIntake implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(JobIntake.class);
    private static final long SLOT_WAIT_MILLIS = 100;

    private final JobQueue queue;
    private final String worker;
    private final Semaphore slots;
    private final RetryPolicy policy;
    private final RunningJobs running;
    private final Settlements settlements;
    private final BooleanSupplier accepting;
    private final long reclaimIntervalNanos;
    private final Duration block;

    JobIntake(JobQueue queue, String worker, Semaphore slots, RetryPolicy policy, RunningJobs running,
              Settlements settlements, BooleanSupplier accepting) {
        this.queue = queue;
        this.worker = worker;
        this.slots = slots;
        this.policy = policy;
        this.running = running;
        this.settlements = settlements;
        this.accepting = accepting;
        long reclaim = Math.max(50, Math.min(policy.visibilityTimeout().toMillis() / 4, 5000));
        this.reclaimIntervalNanos = TimeUnit.MILLISECONDS.toNanos(reclaim);
        this.block = Duration.ofMillis(Math.min(1000, reclaim));
    }

    @Override
    public void run() {
        String cursor = ClaimOptions.FROM_START;
        long nextReclaim = System.nanoTime();
        int failures = 0;
        while (accepting.getAsBoolean()) {
            int free;
            try {
                free = takeSlots();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (free == 0) {
                continue;
            }
            List<QueuedJob> taken = new ArrayList<>();
            try {
                if (System.nanoTime() - nextReclaim >= 0) {
                    ClaimedJobs claimed = queue.xautoclaim(worker, ClaimOptions.minIdle(policy.visibilityTimeout()).count(free).start(cursor));
                    taken.addAll(claimed.jobs());
                    cursor = claimed.next();
                    if (ClaimOptions.FROM_START.equals(cursor)) {
                        nextReclaim = System.nanoTime() + reclaimIntervalNanos;
                    }
                    if (!claimed.jobs().isEmpty()) {
                        LOG.info("Worker {} claimed {} job(s) due again: retries, or jobs of a worker that stopped answering", worker,
                                claimed.jobs().size());
                    }
                }
                if (taken.size() < free) {
                    ReadOptions options = ReadOptions.count(free - taken.size());
                    taken.addAll(queue.xreadgroup(worker, taken.isEmpty() ? options.block(block) : options));
                }
                if (failures > 0) {
                    LOG.info("Worker {} reads jobs again", worker);
                }
                failures = 0;
            } catch (RedisQueueException e) {
                if (failures++ == 0) {
                    LOG.warn("Worker {} cannot read jobs, retrying until Redis answers: {}", worker, e.getMessage());
                }
                Waiting.sleep(Waiting.retryDelayMillis(failures));
            } catch (RuntimeException e) {
                LOG.error("Worker {} failed reading jobs", worker, e);
                Waiting.sleep(1000);
            }
            slots.release(free - taken.size());
            if (!taken.isEmpty()) {
                dispatch(taken);
            }
        }
    }

    private int takeSlots() throws InterruptedException {
        if (!slots.tryAcquire(SLOT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
            return 0;
        }
        return 1 + slots.drainPermits();
    }

    private void dispatch(List<QueuedJob> jobs) {
        List<QueuedJob> readable = new ArrayList<>(jobs.size());
        for (QueuedJob job : jobs) {
            if (job.readable()) {
                readable.add(job);
            } else {
                LOG.warn("Worker {} moves entry {} to the dead-letter stream: {}", worker, job.entryId(), job.problem());
                settlements.finish(Finish.deadLetter(job, null));
            }
        }
        List<JobQueue.Check> checks;
        try {
            checks = queue.check(readable);
        } catch (RedisQueueException e) {
            LOG.debug("Cannot check {} job(s) before running them; running them (a cancellation is seen at the next touch): {}",
                    readable.size(), e.getMessage());
            checks = readable.stream().map(j -> JobQueue.Check.RUN).toList();
        }
        List<QueuedJob> overDelivered = new ArrayList<>();
        Instant now = Instant.now();
        for (int i = 0; i < readable.size(); i++) {
            QueuedJob job = readable.get(i);
            switch (checks.get(i)) {
                case FINISHED -> settlements.finish(Finish.duplicate(job));
                case CANCELLED -> settlements.finish(Finish.outcome(job, JobOutcome.ended(Status.CANCELLED, null, worker, job.deliveries())));
                case RUN -> {
                    if (policy.overDelivered(job.deliveries())) {
                        overDelivered.add(job);
                    } else if (job.message().expired(now)) {
                        settlements.finish(Finish.outcome(job, running.expired(job, new JobError("io.visionpipeline.redis.DeadlineExceeded",
                                "the deadline " + job.message().deadline() + " passed before a worker started it", worker))));
                    } else {
                        start(job);
                    }
                }
                default -> throw new IllegalStateException("unknown check " + checks.get(i));
            }
        }
        if (!overDelivered.isEmpty()) {
            deadLetter(overDelivered);
        }
    }

    private void start(QueuedJob job) {
        byte[] media = null;
        if (job.message().media().travelsInline()) {
            try {
                media = queue.media(job.message().id());
            } catch (RedisQueueException e) {
                settlements.release(Release.retry(job, policy.delay(job.deliveries()), JobError.of(e, worker)));
                return;
            }
            if (media == null) {
                settlements.finish(Finish.deadLetter(job, JobOutcome.ended(Status.FAILED, new JobError("io.visionpipeline.redis.InlineMediaExpired",
                        "the inline media '" + job.message().media().id() + "' is gone from Redis (kept for the media TTL "
                                + queue.config().mediaTtl() + ")", worker), worker, job.deliveries())));
                return;
            }
        }
        AnalysisJob analysis;
        try {
            analysis = job.message().toJob(media);
        } catch (RuntimeException e) {
            LOG.warn("Worker {} cannot make a job of entry {}; moving it to the dead-letter stream: {}", worker, job.entryId(), e.toString());
            settlements.finish(Finish.deadLetter(job, JobOutcome.ended(Status.FAILED, JobError.of(e, worker), worker, job.deliveries())));
            return;
        }
        running.start(job, analysis);
    }

    private void deadLetter(List<QueuedJob> jobs) {
        Map<String, JobError> lastErrors;
        try {
            lastErrors = queue.lastErrors(jobs.stream().map(j -> j.message().id()).toList());
        } catch (RedisQueueException e) {
            lastErrors = Map.of();
        }
        for (QueuedJob job : jobs) {
            JobError error = lastErrors.getOrDefault(job.message().id(), new JobError("io.visionpipeline.redis.WorkerLost",
                    "delivered " + (job.deliveries() - 1) + " times; each time its worker stopped answering (crashed, was killed or hung) "
                            + "before finishing it", worker));
            LOG.warn("Job {} ({}) used up its {} deliveries; moving it to the dead-letter stream: {}", job.message().id(),
                    job.message().media().id(), policy.maxDeliveries(), error);
            settlements.finish(Finish.deadLetter(job, JobOutcome.ended(Status.FAILED, error, worker, job.deliveries() - 1)));
        }
    }
}
