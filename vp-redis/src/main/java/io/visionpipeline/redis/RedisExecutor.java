package io.visionpipeline.redis;

import io.lettuce.core.RedisCommandExecutionException;
import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.redis.internal.Arguments;
import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.JobMessage;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.ReadOptions;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.RedisQueueException;
import io.visionpipeline.redis.queue.ReplyEvent;
import io.visionpipeline.report.MediaReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs pipelines on workers behind a Redis job queue ({@link io.visionpipeline.redis.worker.RedisWorker},
 * {@code vp worker}). It plugs into the same builder as the local executor; the pipeline code does
 * not change:
 *
 * <pre>{@code
 * try (VisionPipeline vp = VisionPipeline.builder()
 *         .faces()
 *         .executor(RedisExecutor.create("redis://redis.internal:6379"))
 *         .progress(bar)                       // progress events come back from the workers
 *         .timeout(Duration.ofMinutes(10))     // per-job deadline, enforced on both sides
 *         .build()) {
 *     MediaReport report = vp.analyze(Path.of("/shared/uploads/talk.mp4"));  // a path every worker can read
 *     CompletableFuture<MediaReport> later = vp.submit(MediaSource.of("upload.jpg", body::open)); // inline bytes
 *     later.cancel(true);                      // workers drop or stop the job
 * }
 * }</pre>
 *
 * Each job is added to the stream ({@code XADD}); a worker runs it and stores its outcome once;
 * the completion event on this executor's reply stream completes the future. Nothing is lost:
 * a job whose add failed is sent again when Redis is back, and after a reconnect (or every
 * {@link Builder#auditInterval audit interval}) the executor checks that each outstanding job is
 * still queued or finished, and submits again any that Redis lost. A worker that fails a job on
 * every delivery dead-letters it and the future fails with a {@link JobFailedException}.
 *
 * <p>Media travels by reference (files and URIs every worker can read) or inline (streams, and
 * files with {@link MediaTransport#INLINE_FILES}) up to the {@link Builder#inlineLimit inline
 * limit}; larger inline media fail with an {@link InlineMediaTooLargeException}.
 *
 * @since 0.1
 */
public final class RedisExecutor implements PipelineExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(RedisExecutor.class);

    /** Default most bytes of media sent inline through Redis (8 MiB). */
    public static final long DEFAULT_INLINE_LIMIT = 8L << 20;
    /** Largest inline limit (Redis values are at most 512 MiB). */
    public static final long MAX_INLINE_LIMIT = 512L << 20;
    /** Default interval at which outstanding jobs are checked against Redis. */
    public static final Duration DEFAULT_AUDIT_INTERVAL = Duration.ofSeconds(30);
    private static final long MAINTENANCE_MILLIS = 500;
    private static final int LOCATE_BATCH = 500;
    private static final int MAX_ADDS_IN_FLIGHT = 256;

    private final JobQueue queue;
    private final String submitter;
    private final MediaTransport transport;
    private final long inlineLimit;
    private final Duration auditInterval;
    private final Map<String, PendingJob> pending = new ConcurrentHashMap<>();
    private final Queue<PendingJob> toSend = new ConcurrentLinkedQueue<>();
    private final AtomicInteger addsInFlight = new AtomicInteger();
    private final Thread replyReader;
    private final ScheduledExecutorService timer;
    private volatile boolean closed;
    private long auditedDisconnects;
    private long nextAudit;

    private RedisExecutor(Builder builder, JobQueue queue) {
        this.queue = queue;
        this.submitter = UUID.randomUUID().toString();
        this.transport = builder.transport;
        this.inlineLimit = builder.inlineLimit;
        this.auditInterval = builder.auditInterval;
        this.auditedDisconnects = queue.disconnects();
        this.nextAudit = System.nanoTime() + auditInterval.toNanos();
        this.timer = Executors.newScheduledThreadPool(2, Waiting.daemons("vp-redis-executor-timer"));
        this.replyReader = new Thread(this::readReplies, "vp-redis-executor-replies");
        replyReader.setDaemon(true);
        replyReader.start();
        timer.scheduleWithFixedDelay(this::maintain, MAINTENANCE_MILLIS, MAINTENANCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    /**
     * @param uri the Redis URI, e.g. {@code redis://redis.internal:6379} or {@code rediss://user:pw@host:6380}
     * @return an executor on the default queue, connected
     * @throws RedisQueueException naming the server and the problem when it cannot connect
     */
    public static RedisExecutor create(String uri) {
        return builder(RedisQueueConfig.create(uri)).build();
    }

    /**
     * @param config the queue
     * @return a builder with the defaults
     */
    public static Builder builder(RedisQueueConfig config) {
        return new Builder(config);
    }

    /** @return the queue (for its stats, workers and dead letters) */
    public JobQueue queue() {
        return queue;
    }

    /** @return this executor's id, which names its reply stream */
    public String submitterId() {
        return submitter;
    }

    /**
     * Checks the stage kinds and warns when no worker is taking jobs yet (the jobs wait for one).
     *
     * @param pipeline the pipeline
     * @throws RedisQueueException when Redis fails
     */
    @Override
    public void prepare(PipelineSpec pipeline) {
        pipeline.stages().forEach(stage -> StageKinds.named(stage.kind()));
        if (queue.workers().live().isEmpty()) {
            LOG.warn("No worker takes jobs from {} yet; jobs wait until one starts (vp worker --redis …)", queue.config().describe());
        }
    }

    @Override
    public CompletableFuture<MediaReport> submit(AnalysisJob job, ProgressListener progress) {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(progress, "progress");
        CompletableFuture<MediaReport> future = new CompletableFuture<>();
        if (closed) {
            future.completeExceptionally(new VisionPipelineException("The Redis executor is closed; cannot analyse '" + job.source().id() + "'"));
            return future;
        }
        MediaPacker.Packed media;
        try {
            media = MediaPacker.pack(job.source(), transport, inlineLimit);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return future;
        }
        PendingJob p = new PendingJob(JobMessage.of(job, media.ref(), submitter), media.bytes(), progress, future);
        if (pending.putIfAbsent(job.id(), p) != null) {
            future.completeExceptionally(new IllegalArgumentException("Job " + job.id() + " is already submitted through this executor and not finished"));
            return future;
        }
        future.whenComplete((report, error) -> ended(p));
        if (job.deadline() != null) {
            long delay = Math.max(0, Duration.between(Instant.now(), job.deadline()).toMillis());
            p.deadline = timer.schedule(() -> expire(p), delay, TimeUnit.MILLISECONDS);
        }
        send(p);
        return future;
    }

    /** Queues a job for adding; at most {@value #MAX_ADDS_IN_FLIGHT} adds wait for Redis at once. */
    private void send(PendingJob p) {
        p.sending = PendingJob.Sending.WAITING;
        toSend.add(p);
        pump();
    }

    private void pump() {
        while (addsInFlight.get() < MAX_ADDS_IN_FLIGHT) {
            PendingJob p = toSend.poll();
            if (p == null) {
                return;
            }
            if (p.future.isDone()) {
                continue;
            }
            addsInFlight.incrementAndGet();
            p.sending = PendingJob.Sending.SENDING;
            queue.xadd(p.message, p.inline).whenComplete((entry, error) -> {
                addsInFlight.decrementAndGet();
                added(p, entry, error);
                pump();
            });
        }
    }

    /** Runs on a Lettuce I/O thread: anything that completes a future (user code) goes to the timer. */
    private void added(PendingJob p, Optional<String> entry, Throwable error) {
        if (error == null) {
            p.sending = PendingJob.Sending.SENT;
            if (entry.isEmpty()) {
                timer.execute(() -> fetchOutcomes(List.of(p.id())));
            }
            return;
        }
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (!closed && retryable(cause)) {
            LOG.debug("Job {} not queued yet, retrying: {}", p.id(), cause.getMessage());
            p.sending = PendingJob.Sending.UNSENT;
        } else {
            timer.execute(() -> p.future.completeExceptionally(cause));
        }
    }

    private static boolean retryable(Throwable error) {
        if (!(error instanceof RedisQueueException)) {
            return false;
        }
        Throwable cause = error.getCause();
        if (cause instanceof RedisCommandExecutionException refused) {
            String m = String.valueOf(refused.getMessage());
            return m.startsWith("LOADING") || m.startsWith("READONLY") || m.startsWith("TRYAGAIN") || m.startsWith("CLUSTERDOWN")
                    || m.startsWith("MASTERDOWN") || m.startsWith("BUSY");
        }
        return true;
    }

    private void ended(PendingJob p) {
        pending.remove(p.id(), p);
        if (p.deadline != null) {
            p.deadline.cancel(false);
        }
        if (p.future.isCancelled() && !p.endedByWorker) {
            p.cancelMark = queue.cancel(p.id());
            p.cancelMark.whenComplete((ok, error) -> {
                if (error != null) {
                    LOG.warn("Could not mark job {} ({}) cancelled; a worker may still run it: {}", p.id(), p.mediaId(), error.getMessage());
                }
            });
        }
    }

    private void expire(PendingJob p) {
        if (p.future.isDone()) {
            return;
        }
        queue.cancel(p.id());
        p.future.completeExceptionally(new JobFailedException("Analysis of '" + p.mediaId() + "' passed its deadline "
                + p.message.deadline() + " before a worker finished it (job " + p.id() + ")", p.id(), p.mediaId(),
                JobOutcome.Status.EXPIRED, null, 0));
    }

    private void readReplies() {
        String last = "0-0";
        int failures = 0;
        while (!closed) {
            try {
                List<ReplyEvent> events = queue.replies().xread(submitter, last, ReadOptions.count(1000).block(Duration.ofSeconds(1)));
                if (failures > 0) {
                    LOG.info("Reading job events from {} again", queue.config().describe());
                    failures = 0;
                }
                if (events.isEmpty()) {
                    continue;
                }
                last = events.get(events.size() - 1).entryId();
                handle(events);
                queue.replies().trim(submitter, last);
            } catch (RedisQueueException e) {
                if (closed) {
                    return;
                }
                if (failures++ == 0) {
                    LOG.warn("Cannot read job events, retrying until Redis answers: {}", e.getMessage());
                }
                Waiting.sleep(Waiting.retryDelayMillis(failures));
            } catch (RuntimeException e) {
                LOG.error("Failed handling job events", e);
                Waiting.sleep(1000);
            }
        }
    }

    private void handle(List<ReplyEvent> events) {
        List<String> done = new ArrayList<>();
        for (ReplyEvent event : events) {
            PendingJob p = pending.get(event.jobId());
            if (p == null) {
                continue;
            }
            if (event.type() == ReplyEvent.Type.PROGRESS) {
                p.progress(event.progress());
            } else {
                done.add(event.jobId());
            }
        }
        if (!done.isEmpty()) {
            fetchOutcomes(done);
        }
    }

    /** Reads outcomes and completes their futures on the calling thread (never a Lettuce I/O thread). */
    private void fetchOutcomes(List<String> jobIds) {
        Map<String, JobOutcome> outcomes;
        try {
            outcomes = queue.results().get(jobIds).get(queue.config().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Cannot read {} outcome(s) now; the next audit will: {}", jobIds.size(), e.toString());
            return;
        }
        outcomes.forEach(this::settle);
    }

    private void settle(String jobId, JobOutcome outcome) {
        PendingJob p = pending.get(jobId);
        if (p == null) {
            return;
        }
        p.endedByWorker = true;
        switch (outcome.status()) {
            case DONE -> {
                p.progress(p.finished(outcome.report()));
                p.future.complete(outcome.report());
            }
            case CANCELLED -> p.future.cancel(false);
            case FAILED -> p.future.completeExceptionally(new JobFailedException("Analysis of '" + p.mediaId() + "' failed"
                    + (outcome.worker().isEmpty() ? "" : " on worker " + outcome.worker()) + " after " + outcome.deliveries()
                    + " deliveries; job " + jobId + " is in the dead-letter stream " + queue.keys().deadLetters()
                    + (outcome.error() == null ? "" : ": " + outcome.error()), jobId, p.mediaId(), outcome.status(),
                    outcome.error(), outcome.deliveries()));
            case EXPIRED -> p.future.completeExceptionally(new JobFailedException("Analysis of '" + p.mediaId() + "' passed its deadline "
                    + p.message.deadline() + (outcome.error() == null ? "" : ": " + outcome.error()), jobId, p.mediaId(),
                    outcome.status(), outcome.error(), outcome.deliveries()));
            default -> throw new IllegalStateException("unknown status " + outcome.status());
        }
    }

    private void maintain() {
        try {
            for (PendingJob p : pending.values()) {
                if (p.sending == PendingJob.Sending.UNSENT) {
                    send(p);
                }
            }
            long now = System.nanoTime();
            long disconnects = queue.disconnects();
            boolean reconnected = disconnects != auditedDisconnects;
            if (reconnected || now - nextAudit >= 0) {
                if (!pending.isEmpty()) {
                    audit(reconnected);
                }
                auditedDisconnects = disconnects;
                nextAudit = now + auditInterval.toNanos();
            }
        } catch (RedisQueueException e) {
            LOG.debug("Audit of outstanding jobs deferred: {}", e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Audit of outstanding jobs failed", e);
        }
    }

    /**
     * Finds outstanding jobs whose completion event was missed, and jobs Redis lost.
     *
     * @param all whether to check every job (after a reconnect) or only those older than the audit interval
     */
    private void audit(boolean all) {
        List<String> ids = new ArrayList<>();
        for (PendingJob p : pending.values()) {
            if (p.sending == PendingJob.Sending.SENT && (all || p.age().compareTo(auditInterval) > 0)) {
                ids.add(p.id());
            }
        }
        List<String> finished = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += LOCATE_BATCH) {
            queue.locate(ids.subList(from, Math.min(ids.size(), from + LOCATE_BATCH))).forEach((id, location) -> {
                PendingJob p = pending.get(id);
                if (p == null) {
                    return;
                }
                if (location == JobQueue.Location.FINISHED) {
                    finished.add(id);
                } else if (location == JobQueue.Location.LOST && p.sending == PendingJob.Sending.SENT) {
                    LOG.warn("Redis lost job {} ({}); submitting it again", id, p.mediaId());
                    send(p);
                }
            });
        }
        if (!finished.isEmpty()) {
            fetchOutcomes(finished);
        }
    }

    /**
     * Cancels the jobs still outstanding (workers drop or stop them), stops reading events and
     * closes the connections.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<CompletableFuture<Void>> cancels = new ArrayList<>();
        for (PendingJob p : List.copyOf(pending.values())) {
            if (p.future.cancel(true) && p.cancelMark != null) {
                cancels.add(p.cancelMark);
            }
        }
        try {
            CompletableFuture.allOf(cancels.toArray(CompletableFuture[]::new))
                    .get(queue.config().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not mark {} outstanding job(s) cancelled; workers may still run them: {}", cancels.size(), e.toString());
        }
        timer.shutdownNow();
        try {
            queue.replies().delete(submitter).get(queue.config().commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Could not delete the reply stream (it expires): {}", e.toString());
        }
        queue.close();
        Waiting.join(replyReader, queue.config().commandTimeout());
    }

    /**
     * Configures a {@link RedisExecutor}; methods are named after what they set and check their
     * argument at once.
     */
    public static final class Builder {
        private final RedisQueueConfig config;
        private MediaTransport transport = MediaTransport.REFERENCE;
        private long inlineLimit = DEFAULT_INLINE_LIMIT;
        private Duration auditInterval = DEFAULT_AUDIT_INTERVAL;

        private Builder(RedisQueueConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /**
         * @param transport how files travel: by reference (default) or inline
         * @return this builder
         */
        public Builder mediaTransport(MediaTransport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * @param bytes the most bytes of media sent inline (default 8 MiB, at most 512 MiB);
         *              inline bytes wait in Redis until the job ends, and in this executor's
         *              memory too, to submit them again should Redis lose the job
         * @return this builder
         */
        public Builder inlineLimit(long bytes) {
            if (bytes < 1 || bytes > MAX_INLINE_LIMIT) {
                throw new IllegalArgumentException("inlineLimit must be in [1, " + MAX_INLINE_LIMIT + "] bytes: " + bytes);
            }
            this.inlineLimit = bytes;
            return this;
        }

        /**
         * @param interval how often outstanding jobs older than this are checked against Redis
         *                 (default 30 s; also right after a reconnect)
         * @return this builder
         */
        public Builder auditInterval(Duration interval) {
            this.auditInterval = Arguments.positive("auditInterval", interval);
            return this;
        }

        /**
         * Connects.
         *
         * @return the executor; the pipeline that uses it closes it
         * @throws RedisQueueException naming the server and the problem when it cannot connect
         */
        public RedisExecutor build() {
            return JobQueue.connect(config, queue -> new RedisExecutor(this, queue));
        }
    }
}
