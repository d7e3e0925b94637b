package io.visionpipeline.redis.worker;

import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.redis.internal.Arguments;
import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.RedisQueueException;
import io.visionpipeline.redis.queue.WorkerStatus.State;
import io.visionpipeline.redis.queue.WorkerStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A worker of a Redis job queue: takes jobs from the stream, runs them with a pipeline executor
 * (a {@link LocalExecutor} unless given another), stores each outcome once and acknowledges the
 * job; retries failures with exponential backoff and dead-letters a job after its last delivery
 * fails; claims the jobs of workers that died (after the visibility timeout); honours
 * cancellations and deadlines; keeps a health key alive while it runs.
 *
 * <pre>{@code
 * RedisQueueConfig queue = RedisQueueConfig.create("redis://redis.internal:6379");
 * try (RedisWorker worker = RedisWorker.builder(queue)
 *         .concurrency(4)
 *         .executor(LocalExecutor.withThreads(8))
 *         .start()) {
 *     server.health(() -> worker.healthy());
 *     server.awaitShutdown();
 * }   // close(): finishes running jobs for up to the shutdown grace, hands the rest back
 * }</pre>
 *
 * The command line runs one with {@code vp worker --redis redis://…}. Delivery is at least once:
 * a job whose worker dies is run again elsewhere, but its outcome is stored only once.
 *
 * @since 0.1
 */
public final class RedisWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisWorker.class);

    /** Default number of jobs run at once. */
    public static final int DEFAULT_CONCURRENCY = LocalExecutor.DEFAULT_MAX_CONCURRENT_MEDIA;
    /** Default time a job may go untouched before another worker claims it. */
    public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);
    /** Default deliveries a job gets before it is dead-lettered. */
    public static final int DEFAULT_MAX_DELIVERIES = 5;
    /** Default delay before the second delivery of a failed job (doubled for each later one). */
    public static final Duration DEFAULT_RETRY_BACKOFF = Duration.ofSeconds(1);
    /** Default longest delay between deliveries. */
    public static final Duration DEFAULT_MAX_RETRY_BACKOFF = Duration.ofSeconds(30);
    /** Default interval between heartbeats (the health key lives three of them). */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** Default time running jobs get to finish at shutdown before they are handed back. */
    public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
    /** Default least time between two progress events of a job. */
    public static final Duration DEFAULT_PROGRESS_INTERVAL = Duration.ofMillis(500);
    /** How long a consumer without jobs must be idle before it is pruned from the group. */
    private static final Duration PRUNE_AFTER = Duration.ofHours(1);

    private final String id;
    private final int concurrency;
    private final JobQueue queue;
    private final PipelineExecutor executor;
    private final Duration heartbeatInterval;
    private final Duration shutdownGrace;
    private final Semaphore slots;
    private final Settlements settlements;
    private final RunningJobs running;
    private final Thread intakeThread;
    private final Thread settlementThread;
    private final ScheduledExecutorService ticks;
    private final Instant startedAt = Instant.now();
    private volatile State state = State.RUNNING;
    private volatile long lastHeartbeat = System.nanoTime();

    private RedisWorker(Builder b, JobQueue queue) {
        this.id = b.id;
        this.concurrency = b.concurrency;
        this.queue = queue;
        this.executor = b.executor != null ? b.executor : LocalExecutor.builder().maxConcurrentMedia(b.concurrency).build();
        this.heartbeatInterval = b.heartbeatInterval;
        this.shutdownGrace = b.shutdownGrace;
        this.slots = new Semaphore(b.concurrency);
        RetryPolicy policy = new RetryPolicy(b.maxDeliveries, b.retryBackoff, b.maxRetryBackoff, b.visibilityTimeout);
        this.settlements = new Settlements(queue, id, b.visibilityTimeout, slots);
        this.running = new RunningJobs(queue, executor, id, policy, settlements, b.progressInterval);
        JobIntake intake = new JobIntake(queue, id, slots, policy, running, settlements, () -> state == State.RUNNING);
        this.intakeThread = new Thread(intake, "vp-redis-worker-" + id + "-intake");
        this.settlementThread = new Thread(settlements, "vp-redis-worker-" + id + "-acks");
        this.ticks = Executors.newSingleThreadScheduledExecutor(Waiting.daemons("vp-redis-worker-" + id + "-ticks"));
        long touch = Math.max(20, b.visibilityTimeout.toMillis() / 3);
        ticks.scheduleWithFixedDelay(this::touch, touch, touch, TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(this::heartbeat, 0, heartbeatInterval.toMillis(), TimeUnit.MILLISECONDS);
        ticks.scheduleWithFixedDelay(this::prune, 1, 600, TimeUnit.SECONDS);
        settlementThread.start();
        intakeThread.start();
        LOG.info("Worker {} takes jobs from {} ({} at once, visibility timeout {}, {} deliveries)", id, queue.config().describe(),
                concurrency, b.visibilityTimeout, b.maxDeliveries);
    }

    /**
     * @param config the queue to work for
     * @return a builder with the defaults
     */
    public static Builder builder(RedisQueueConfig config) {
        return new Builder(config);
    }

    /** @return the worker's id (its consumer name in the group) */
    public String id() {
        return id;
    }

    /** @return the queue it works for (for its stats and dead letters) */
    public JobQueue queue() {
        return queue;
    }

    /** @return what it is doing and has done */
    public WorkerStatus status() {
        return new WorkerStatus(id, host(), ProcessHandle.current().pid(), state, concurrency, running.size(),
                settlements.completed(), settlements.failed(), settlements.retried(), settlements.duplicates(), startedAt, Instant.now());
    }

    /**
     * For a server's health check.
     *
     * @return whether it takes jobs and its last heartbeat reached Redis within three intervals
     */
    public boolean healthy() {
        return state == State.RUNNING && System.nanoTime() - lastHeartbeat < 3 * heartbeatInterval.toNanos();
    }

    /** Shuts down gracefully with the configured shutdown grace; see {@link #close(Duration)}. */
    @Override
    public void close() {
        close(shutdownGrace);
    }

    /**
     * Shuts down gracefully: takes no new jobs, lets running jobs finish for up to {@code grace},
     * hands the others back to the group (another worker claims them at once; the delivery does
     * not count), writes what is left, removes the health key and closes the executor and the
     * connections. Returns when all that is done.
     *
     * @param grace how long running jobs may go on
     */
    public void close(Duration grace) {
        synchronized (this) {
            if (state != State.RUNNING) {
                return;
            }
            state = State.DRAINING;
        }
        LOG.info("Worker {} is stopping: {} job(s) running, up to {} to finish", id, running.size(), grace);
        heartbeat();
        Waiting.join(intakeThread, queue.config().commandTimeout().plusSeconds(2));
        long until = System.nanoTime() + grace.toNanos();
        while (running.size() > 0 && System.nanoTime() < until) {
            Waiting.sleep(20);
        }
        int handedBack = running.handBackAll();
        if (handedBack > 0) {
            LOG.info("Worker {} hands {} unfinished job(s) back to the queue", id, handedBack);
        }
        long drainUntil = System.nanoTime() + queue.config().commandTimeout().toNanos();
        while (running.size() > 0 && System.nanoTime() < drainUntil) {
            Waiting.sleep(10);
        }
        settlements.stop(queue.config().commandTimeout());
        Waiting.join(settlementThread, queue.config().commandTimeout().plusSeconds(2));
        ticks.shutdownNow();
        state = State.STOPPED;
        try {
            queue.workers().leave(id);
        } catch (RedisQueueException e) {
            LOG.debug("Worker {} could not remove its health key (it expires): {}", id, e.getMessage());
        }
        executor.close();
        queue.close();
        LOG.info("Worker {} stopped: {} completed, {} failed, {} retried, {} duplicates", id, settlements.completed(),
                settlements.failed(), settlements.retried(), settlements.duplicates());
    }

    private void touch() {
        try {
            running.touch();
        } catch (RedisQueueException e) {
            LOG.warn("Worker {} cannot extend its {} running job(s); another worker may claim them after the visibility timeout: {}",
                    id, running.size(), e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Worker {} failed to extend its running jobs", id, e);
        }
    }

    private void heartbeat() {
        try {
            queue.workers().heartbeat(status(), heartbeatInterval.multipliedBy(3));
            lastHeartbeat = System.nanoTime();
        } catch (RedisQueueException e) {
            LOG.warn("Worker {} heartbeat failed: {}", id, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Worker {} heartbeat failed", id, e);
        }
    }

    private void prune() {
        try {
            long removed = queue.pruneConsumers(PRUNE_AFTER);
            if (removed > 0) {
                LOG.info("Worker {} removed {} consumer(s) of workers gone for over {}", id, removed, PRUNE_AFTER);
            }
        } catch (RuntimeException e) {
            LOG.debug("Worker {} could not prune consumers: {}", id, e.toString());
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown";
        }
    }

    /**
     * Configures a {@link RedisWorker}; methods are named after what they set and check their
     * argument at once.
     */
    public static final class Builder {
        private final RedisQueueConfig config;
        private String id = host() + "-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 4);
        private int concurrency = DEFAULT_CONCURRENCY;
        private PipelineExecutor executor;
        private Duration visibilityTimeout = DEFAULT_VISIBILITY_TIMEOUT;
        private int maxDeliveries = DEFAULT_MAX_DELIVERIES;
        private Duration retryBackoff = DEFAULT_RETRY_BACKOFF;
        private Duration maxRetryBackoff = DEFAULT_MAX_RETRY_BACKOFF;
        private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;
        private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
        private Duration progressInterval = DEFAULT_PROGRESS_INTERVAL;

        private Builder(RedisQueueConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * @param id the worker's id, unique among the queue's workers (default: host-pid-random)
         * @return this builder
         */
        public Builder id(String id) {
            Objects.requireNonNull(id, "id");
            if (id.isBlank() || id.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("A worker id is a non-empty word: '" + id + "'");
            }
            this.id = id;
            return this;
        }

        /**
         * @param jobs the most jobs run at once, at least 1 (default 2)
         * @return this builder
         */
        public Builder concurrency(int jobs) {
            this.concurrency = Arguments.atLeastOne("concurrency", jobs);
            return this;
        }

        /**
         * @param executor runs the jobs; the worker closes it (default: a {@link LocalExecutor}
         *                 decoding as many media at once as the concurrency)
         * @return this builder
         */
        public Builder executor(PipelineExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param timeout how long a job may go untouched before another worker claims it
         *                (default 30 s); running jobs are touched every third of it, so only a
         *                dead or hung worker's jobs are claimed
         * @return this builder
         */
        public Builder visibilityTimeout(Duration timeout) {
            this.visibilityTimeout = Arguments.positive("visibilityTimeout", timeout);
            return this;
        }

        /**
         * @param deliveries deliveries a job gets; when the last one fails (or its worker dies)
         *                   it goes to the dead-letter stream with its last error (default 5)
         * @return this builder
         */
        public Builder maxDeliveries(int deliveries) {
            this.maxDeliveries = Arguments.atLeastOne("maxDeliveries", deliveries);
            return this;
        }

        /**
         * @param first the delay before the second delivery of a failed job (default 1 s)
         * @param most  the longest delay (default 30 s); delays double per delivery, with jitter,
         *              and never exceed the visibility timeout
         * @return this builder
         */
        public Builder retryBackoff(Duration first, Duration most) {
            Arguments.positive("retryBackoff", first);
            Arguments.positive("maxRetryBackoff", most);
            if (most.compareTo(first) < 0) {
                throw new IllegalArgumentException("the longest retry backoff " + most + " is shorter than the first " + first);
            }
            this.retryBackoff = first;
            this.maxRetryBackoff = most;
            return this;
        }

        /**
         * @param interval time between heartbeats (default 5 s); the health key lives three
         * @return this builder
         */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Arguments.positive("heartbeatInterval", interval);
            return this;
        }

        /**
         * @param grace how long running jobs may finish at shutdown before they are handed back (default 30 s)
         * @return this builder
         */
        public Builder shutdownGrace(Duration grace) {
            Objects.requireNonNull(grace, "grace");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must be >= 0: " + grace);
            }
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * @param interval least time between two progress events of a job (default 500 ms)
         * @return this builder
         */
        public Builder progressInterval(Duration interval) {
            this.progressInterval = Arguments.positive("progressInterval", interval);
            return this;
        }

        /**
         * Connects and starts taking jobs.
         *
         * @return the running worker; close it to stop
         * @throws RedisQueueException when Redis cannot be reached
         */
        public RedisWorker start() {
            return JobQueue.connect(config, queue -> new RedisWorker(this, queue));
        }

    }
}
