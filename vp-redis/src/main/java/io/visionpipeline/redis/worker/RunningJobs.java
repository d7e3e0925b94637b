package io.visionpipeline.redis.worker;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.redis.queue.Finish;
import io.visionpipeline.redis.queue.JobError;
import io.visionpipeline.redis.queue.JobOutcome.Status;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.QueuedJob;
import io.visionpipeline.redis.queue.Release;
import io.visionpipeline.report.MediaReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The jobs a worker is running: starts them on the pipeline executor, forwards their progress to
 * their submitters, keeps them visible to no one else ({@link #touch()}), stops the cancelled,
 * expired and lost ones, and decides how each ends: done, retried after a delay, or dead-lettered.
 */
final class RunningJobs {
    private static final Logger LOG = LoggerFactory.getLogger(RunningJobs.class);

    /** Why a running job was stopped. */
    private enum Stop { CANCELLED, EXPIRED, LOST, HANDED_BACK }

    private final JobQueue queue;
    private final PipelineExecutor executor;
    private final String worker;
    private final RetryPolicy policy;
    private final Settlements settlements;
    private final long progressIntervalNanos;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();

    RunningJobs(JobQueue queue, PipelineExecutor executor, String worker, RetryPolicy policy, Settlements settlements,
                Duration progressInterval) {
        this.queue = queue;
        this.executor = executor;
        this.worker = worker;
        this.policy = policy;
        this.settlements = settlements;
        this.progressIntervalNanos = progressInterval.toNanos();
    }

    int size() {
        return runs.size();
    }

    /**
     * Starts a job; it holds a slot until its end is written.
     *
     * @param job      the queued job
     * @param analysis what to run
     */
    void start(QueuedJob job, AnalysisJob analysis) {
        Run run = new Run(job);
        runs.put(job.entryId(), run);
        CompletableFuture<MediaReport> future;
        try {
            future = executor.submit(analysis, run::progress);
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        run.future = future;
        synchronized (run) {
            if (run.stop != null) {
                future.cancel(true);
            }
        }
        future.whenComplete((report, error) -> ended(run, report, error));
    }

    /**
     * Extends the visibility of every running job and stops those that were cancelled, claimed
     * by another worker, or passed their deadline.
     */
    void touch() {
        List<Run> current = List.copyOf(runs.values());
        if (current.isEmpty()) {
            return;
        }
        List<JobQueue.Touch> found = queue.touch(worker, current.stream().map(r -> r.job).toList());
        Instant now = Instant.now();
        for (int i = 0; i < current.size(); i++) {
            Run run = current.get(i);
            switch (found.get(i)) {
                case CANCELLED -> stop(run, Stop.CANCELLED);
                case LOST -> stop(run, Stop.LOST);
                case EXTENDED -> {
                    if (run.job.message().expired(now)) {
                        stop(run, Stop.EXPIRED);
                    }
                }
                default -> throw new IllegalStateException("unknown touch result " + found.get(i));
            }
        }
    }

    /**
     * Stops every running job and hands it back to the group (at shutdown).
     *
     * @return how many were handed back
     */
    int handBackAll() {
        List<Run> current = new ArrayList<>(runs.values());
        current.forEach(run -> stop(run, Stop.HANDED_BACK));
        return current.size();
    }

    private void stop(Run run, Stop reason) {
        synchronized (run) {
            if (run.stop != null) {
                return;
            }
            run.stop = reason;
        }
        LOG.info("Worker {} stops job {} ({}): {}", worker, run.job.message().id(), run.job.message().media().id(),
                reason.name().toLowerCase().replace('_', ' '));
        CompletableFuture<MediaReport> future = run.future;
        if (future != null) {
            future.cancel(true);
        }
    }

    private void ended(Run run, MediaReport report, Throwable error) {
        if (!runs.remove(run.job.entryId(), run)) {
            return;
        }
        try {
            settle(run, report, error);
        } catch (RuntimeException e) {
            LOG.error("Worker {} could not end job {}; it will be delivered again after the visibility timeout", worker,
                    run.job.message().id(), e);
            settlements.drop();
        }
    }

    private void settle(Run run, MediaReport report, Throwable error) {
        QueuedJob job = run.job;
        Stop stop;
        synchronized (run) {
            stop = run.stop;
        }
        if (stop != null) {
            switch (stop) {
                case CANCELLED -> settlements.finish(Finish.outcome(job, JobOutcome.ended(Status.CANCELLED, null, worker, job.deliveries())));
                case EXPIRED -> settlements.finish(Finish.outcome(job, expired(job, null)));
                case LOST -> settlements.drop();
                case HANDED_BACK -> settlements.release(Release.handBack(job));
                default -> throw new IllegalStateException("unknown stop " + stop);
            }
            return;
        }
        if (error == null && report != null) {
            settlements.finish(Finish.outcome(job, JobOutcome.done(report, worker, job.deliveries())));
            return;
        }
        JobError cause = JobError.of(error != null ? error : new IllegalStateException(executor + " completed without a report"), worker);
        if (job.message().expired(Instant.now())) {
            settlements.finish(Finish.outcome(job, expired(job, cause)));
        } else if (policy.exhausted(job.deliveries())) {
            LOG.warn("Job {} ({}) failed on its last delivery ({} of {}); moving it to the dead-letter stream: {}",
                    job.message().id(), job.message().media().id(), job.deliveries(), policy.maxDeliveries(), cause);
            settlements.finish(Finish.deadLetter(job, JobOutcome.ended(Status.FAILED, cause, worker, job.deliveries())));
        } else {
            Duration delay = policy.delay(job.deliveries());
            LOG.info("Job {} ({}) failed on delivery {} of {}; retrying in {} ms: {}", job.message().id(),
                    job.message().media().id(), job.deliveries(), policy.maxDeliveries(), delay.toMillis(), cause);
            settlements.release(Release.retry(job, delay, cause));
        }
    }

    /**
     * @param job   a job past its deadline
     * @param cause the error it stopped with, or null
     * @return its outcome
     */
    JobOutcome expired(QueuedJob job, JobError cause) {
        JobError error = cause != null ? cause : new JobError("io.visionpipeline.redis.DeadlineExceeded",
                "the deadline " + job.message().deadline() + " passed", worker);
        return JobOutcome.ended(Status.EXPIRED, error, worker, job.deliveries());
    }

    /** One job in flight. */
    private final class Run {
        final QueuedJob job;
        volatile CompletableFuture<MediaReport> future;
        Stop stop;
        private long lastProgress;

        Run(QueuedJob job) {
            this.job = job;
        }

        void progress(Progress progress) {
            String submitter = job.message().submitter();
            long now = System.nanoTime();
            if (submitter == null || progress.finished() || now - lastProgress < progressIntervalNanos) {
                return;
            }
            lastProgress = now;
            queue.replies().progress(submitter, progress).whenComplete((id, error) -> {
                if (error != null) {
                    LOG.debug("Progress of job {} not sent: {}", progress.jobId(), error.toString());
                }
            });
        }
    }
}
