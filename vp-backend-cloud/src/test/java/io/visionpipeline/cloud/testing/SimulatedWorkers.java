package io.visionpipeline.cloud.testing;

import io.visionpipeline.cloud.LocalWorkers;
import io.visionpipeline.cloud.WorkerTemplate;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.redis.queue.ClaimOptions;
import io.visionpipeline.redis.queue.ClaimedJobs;
import io.visionpipeline.redis.queue.Finish;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.QueuedJob;
import io.visionpipeline.redis.queue.ReadOptions;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.WorkerStatus;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.Timings;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Workers on the simulation's clock, for the scale scenarios: each takes jobs from the real Redis
 * queue with the real {@link JobQueue} calls a {@code RedisWorker} makes ({@code XAUTOCLAIM},
 * {@code XREADGROUP}, touch, finish, heartbeat), but a job takes the configured time on the
 * simulated clock, so hours of work pass in seconds. Instances started by the
 * {@link VastAiSimulator} get one each (its id and concurrency read from the instance's environment
 * and onstart script; an instance that is no worker of this queue runs nothing);
 * {@link #local} makes local fallback workers of the same kind.
 */
public final class SimulatedWorkers implements InstanceRuntime, AutoCloseable {
    private static final Pattern CONCURRENCY = Pattern.compile("--concurrency (\\d+)");

    private final JobQueue queue;
    private final Clock clock;
    private final Duration jobTime;
    private final Duration claimIdle;
    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> heldWhenKilled = new ConcurrentHashMap<>();
    private final ExecutorService pool = Executors.newFixedThreadPool(4, r -> {
        Thread t = new Thread(r, "simulated-workers");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param config    the queue
     * @param clock     the simulation's clock
     * @param jobTime   how long a job takes on the simulated clock
     * @param claimIdle how long (real time) a dead worker's job waits before another claims it
     */
    public SimulatedWorkers(RedisQueueConfig config, Clock clock, Duration jobTime, Duration claimIdle) {
        this.queue = JobQueue.connect(config);
        this.clock = clock;
        this.jobTime = jobTime;
        this.claimIdle = claimIdle;
    }

    @Override
    public Running start(VastAiSimulator.Rental rental) {
        String id = rental.env().get(WorkerTemplate.WORKER_ID_ENV);
        if (id == null || !queue.config().keys().prefix().equals(rental.env().get(WorkerTemplate.PREFIX_ENV))) {
            return NOTHING.start(rental);
        }
        Matcher m = CONCURRENCY.matcher(rental.onstart());
        Worker worker = new Worker(id, m.find() ? Integer.parseInt(m.group(1)) : 1);
        workers.put(id, worker);
        return () -> {
            heldWhenKilled.put(id, worker.die());
            workers.remove(id, worker);
        };
    }

    /**
     * @param id          the local worker's id
     * @param concurrency its slots
     * @return local fallback workers on the simulated clock
     */
    public LocalWorkers local(String id, int concurrency) {
        return new LocalWorkers() {
            @Override
            public void start() {
                workers.computeIfAbsent(id, k -> new Worker(id, concurrency));
            }

            @Override
            public void stop() {
                Worker w = workers.remove(id);
                if (w != null) {
                    w.die();
                    queue.workers().leave(id);
                }
            }

            @Override
            public boolean running() {
                return workers.containsKey(id);
            }

            @Override
            public Set<String> workerIds() {
                return Set.of(id);
            }
        };
    }

    /** Lets every live worker finish the jobs due by now, keep the others, take new ones and heartbeat. */
    public void step() {
        Instant now = clock.instant();
        List<Future<?>> steps = new ArrayList<>();
        for (Worker w : workers.values()) {
            steps.add(pool.submit(() -> w.step(now)));
        }
        for (Future<?> f : steps) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("a simulated worker failed", e.getCause());
            }
        }
    }

    /** @return for each killed worker, the jobs it held when it died */
    public Map<String, Set<String>> heldWhenKilled() {
        return Map.copyOf(heldWhenKilled);
    }

    /** @return the live workers' ids */
    public Set<String> live() {
        return Set.copyOf(workers.keySet());
    }

    @Override
    public void close() {
        pool.shutdownNow();
        queue.close();
    }

    private MediaReport report(QueuedJob job) {
        AnalysisJob analysis = job.message().toJob(null);
        MediaReport echo = EchoExecutor.report(analysis);
        return MediaReport.builder(echo.media()).sampling(echo.sampling()).addFrame(echo.frames().get(0))
                .timings(new Timings(jobTime, Duration.ZERO, List.of())).build();
    }

    /** One worker: its jobs in progress, each done at a simulated time. */
    private final class Worker {
        private final String id;
        private final int concurrency;
        private final Instant startedAt = clock.instant();
        private final List<Held> held = new ArrayList<>();
        private String cursor = ClaimOptions.FROM_START;
        private long completed;
        private long duplicates;
        private boolean dead;

        Worker(String id, int concurrency) {
            this.id = id;
            this.concurrency = concurrency;
        }

        synchronized void step(Instant now) {
            if (dead) {
                return;
            }
            List<Finish> due = new ArrayList<>();
            for (Iterator<Held> it = held.iterator(); it.hasNext(); ) {
                Held h = it.next();
                if (!h.doneAt.isAfter(now)) {
                    due.add(Finish.outcome(h.job, JobOutcome.done(report(h.job), id, h.job.deliveries())));
                    it.remove();
                }
            }
            for (boolean stored : queue.finish(due)) {
                if (stored) {
                    completed++;
                } else {
                    duplicates++;
                }
            }
            if (!held.isEmpty()) {
                List<JobQueue.Touch> touched = queue.touch(id, held.stream().map(h -> h.job).toList());
                for (int i = touched.size() - 1; i >= 0; i--) {
                    if (touched.get(i) != JobQueue.Touch.EXTENDED) {
                        held.remove(i);
                    }
                }
            }
            int free = concurrency - held.size();
            if (free > 0) {
                ClaimedJobs claimed = queue.xautoclaim(id, ClaimOptions.minIdle(claimIdle).count(free).start(cursor));
                cursor = claimed.next();
                take(claimed.jobs(), now);
            }
            free = concurrency - held.size();
            if (free > 0) {
                take(queue.xreadgroup(id, ReadOptions.count(free)), now);
            }
            queue.workers().heartbeat(new WorkerStatus(id, "simulated", 0, WorkerStatus.State.RUNNING, concurrency, held.size(), completed,
                    0, 0, duplicates, startedAt, now), Duration.ofMinutes(10));
        }

        private void take(List<QueuedJob> jobs, Instant now) {
            for (QueuedJob job : jobs) {
                if (job.readable()) {
                    held.add(new Held(job, now.plus(jobTime)));
                }
            }
        }

        synchronized Set<String> die() {
            dead = true;
            return Set.copyOf(held.stream().map(h -> h.job.message().id()).toList());
        }
    }

    private record Held(QueuedJob job, Instant doneAt) {
    }
}
