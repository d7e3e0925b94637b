package io.visionpipeline.redis;

import io.visionpipeline.executor.Progress;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.redis.queue.JobMessage;
import io.visionpipeline.report.MediaReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * A job a {@link RedisExecutor} submitted and waits for. The inline bytes stay here until the job
 * ends, so a job Redis lost can be submitted again.
 */
final class PendingJob {
    private static final Logger LOG = LoggerFactory.getLogger(PendingJob.class);

    /** Where the job's entry is: waiting to be added, being added, added, or to be added again. */
    enum Sending { WAITING, SENDING, SENT, UNSENT }

    final JobMessage message;
    final byte[] inline;
    final ProgressListener listener;
    final CompletableFuture<MediaReport> future;
    final long submittedNanos = System.nanoTime();
    volatile Sending sending = Sending.WAITING;
    volatile boolean endedByWorker;
    volatile ScheduledFuture<?> deadline;
    volatile CompletableFuture<Void> cancelMark;

    PendingJob(JobMessage message, byte[] inline, ProgressListener listener, CompletableFuture<MediaReport> future) {
        this.message = message;
        this.inline = inline;
        this.listener = listener;
        this.future = future;
    }

    String id() {
        return message.id();
    }

    String mediaId() {
        return message.media().id();
    }

    Duration age() {
        return Duration.ofNanos(System.nanoTime() - submittedNanos);
    }

    void progress(Progress progress) {
        try {
            listener.onProgress(progress);
        } catch (RuntimeException e) {
            LOG.warn("Progress listener failed for {}: {}", mediaId(), e.toString());
        }
    }

    /**
     * @param report the job's report
     * @return the last progress event, made from the report
     */
    Progress finished(MediaReport report) {
        long frames = report.frames().size();
        Duration duration = report.media().duration();
        return new Progress(id(), mediaId(), frames, frames, duration, duration, age(), true);
    }
}
