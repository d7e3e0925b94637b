package io.visionpipeline.redis.worker;

import io.visionpipeline.redis.internal.Waiting;
import io.visionpipeline.redis.queue.Finish;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.RedisQueueException;
import io.visionpipeline.redis.queue.Release;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes how jobs end, in batches: one {@code finish} and one {@code release} round trip for
 * everything that ended since the last write (pipelined acknowledgements). A job keeps its slot
 * until its end is written, so a worker never takes more jobs than it can account for. When Redis
 * is away the batch is written again until it is back (every write is idempotent).
 */
final class Settlements implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Settlements.class);
    private static final int MAX_BATCH = 512;
    private static final long POLL_MILLIS = 50;

    private final JobQueue queue;
    private final String worker;
    private final Duration visibilityTimeout;
    private final Semaphore slots;
    private final BlockingQueue<Object> pending = new LinkedBlockingQueue<>();
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private volatile boolean stopping;
    private volatile long giveUpAt = Long.MAX_VALUE;
    private volatile boolean writing;

    Settlements(JobQueue queue, String worker, Duration visibilityTimeout, Semaphore slots) {
        this.queue = queue;
        this.worker = worker;
        this.visibilityTimeout = visibilityTimeout;
        this.slots = slots;
    }

    void finish(Finish finish) {
        pending.add(finish);
    }

    void release(Release release) {
        pending.add(release);
    }

    /** A job that ends without a write (another worker owns it now): only its slot comes back. */
    void drop() {
        slots.release();
    }

    long completed() {
        return completed.get();
    }

    long failed() {
        return failed.get();
    }

    long retried() {
        return retried.get();
    }

    long duplicates() {
        return duplicates.get();
    }

    /** @return whether nothing waits to be written */
    boolean idle() {
        return pending.isEmpty() && !writing;
    }

    /**
     * Writes what is left, then stops; gives up after {@code timeout} (the jobs not written stay
     * pending and are claimed by another worker after the visibility timeout).
     *
     * @param timeout the most time to spend
     */
    void stop(Duration timeout) {
        giveUpAt = System.nanoTime() + timeout.toNanos();
        stopping = true;
    }

    @Override
    public void run() {
        List<Object> batch = new ArrayList<>();
        while (true) {
            try {
                Object first = pending.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (stopping) {
                        return;
                    }
                    continue;
                }
                writing = true;
                batch.add(first);
                pending.drainTo(batch, MAX_BATCH - 1);
                write(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.error("Worker {} could not write the end of {} job(s); they will be delivered again after the visibility timeout",
                        worker, batch.size(), e);
            } finally {
                if (!batch.isEmpty()) {
                    slots.release(batch.size());
                    batch.clear();
                }
                writing = false;
            }
        }
    }

    private void write(List<Object> batch) throws InterruptedException {
        List<Finish> finishes = new ArrayList<>();
        List<Release> releases = new ArrayList<>();
        for (Object item : batch) {
            if (item instanceof Finish f) {
                finishes.add(f);
            } else {
                releases.add((Release) item);
            }
        }
        int attempt = 0;
        while (!finishes.isEmpty() || !releases.isEmpty()) {
            try {
                if (!finishes.isEmpty()) {
                    count(finishes, queue.finish(finishes));
                    finishes.clear();
                }
                if (!releases.isEmpty()) {
                    queue.release(worker, visibilityTimeout, releases);
                    retried.addAndGet(releases.stream().filter(r -> r.error() != null).count());
                    releases.clear();
                }
            } catch (RedisQueueException e) {
                attempt++;
                if (stopping && System.nanoTime() > giveUpAt) {
                    LOG.warn("Worker {} could not write the end of {} job(s) before shutting down; Redis will hand them to another "
                            + "worker after the visibility timeout: {}", worker, finishes.size() + releases.size(), e.getMessage());
                    return;
                }
                if (attempt == 1) {
                    LOG.warn("Worker {} cannot write the end of {} job(s), retrying until Redis answers: {}",
                            worker, finishes.size() + releases.size(), e.getMessage());
                }
                Waiting.sleep(Waiting.retryDelayMillis(attempt));
            }
        }
        if (attempt > 0) {
            LOG.info("Worker {} wrote the delayed job ends after {} retries", worker, attempt);
        }
    }

    private void count(List<Finish> finishes, List<Boolean> stored) {
        for (int i = 0; i < finishes.size(); i++) {
            Finish f = finishes.get(i);
            if (f.outcome() == null) {
                (f.deadLetter() ? failed : duplicates).incrementAndGet();
            } else if (!stored.get(i)) {
                duplicates.incrementAndGet();
            } else if (f.outcome().status() == JobOutcome.Status.DONE) {
                completed.incrementAndGet();
            } else {
                failed.incrementAndGet();
            }
        }
    }
}
