package io.visionpipeline.core.engine;

import io.visionpipeline.core.events.StageBatchEvent;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.stage.BatchPolicy;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageSpec;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Runs one configured frame stage for every job of an executor: a dispatcher thread forms batches
 * from the stage's queue (up to the batch size, waiting at most the batch delay) and runs them on
 * the shared compute pool, at most {@code maxConcurrentBatches} at a time. Frames of several media
 * can share a batch. A stage that is not thread-safe gets one instance per concurrent batch.
 */
final class StageRunner implements AutoCloseable {

    /** A frame waiting for this stage. */
    record Item(PendingFrame frame, int slot) {
    }

    private final StageInstances<FrameStage<?>> instances;
    private final BatchPolicy policy;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final Semaphore slots;
    private final ExecutorService compute;
    private final Thread dispatcher;
    private volatile boolean closed;

    StageRunner(StageSpec spec, ExecutorService compute, int maxConcurrentBatches) {
        this.instances = new StageInstances<>(spec, FrameStage.class);
        this.policy = instances.any().batchPolicy();
        int concurrency = Math.max(1, maxConcurrentBatches);
        this.slots = new Semaphore(concurrency);
        this.compute = compute;
        this.dispatcher = new Thread(this::dispatch, "vp-batch-" + spec.kind());
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** @return the stage kind */
    StageKind<?> kind() {
        return instances.kind();
    }

    /** @return the report entry describing this stage */
    StageRun describe() {
        return instances.describe();
    }

    /** @return an instance to create per-media aggregators from */
    FrameStage<?> anyInstance() {
        return instances.any();
    }

    /**
     * @param frame the frame
     * @param slot  the stage's index in the frame's job
     */
    void enqueue(PendingFrame frame, int slot) {
        if (closed) {
            throw new StageException("The executor is closed");
        }
        queue.add(new Item(frame, slot));
    }

    private void dispatch() {
        try {
            while (!closed) {
                Item first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<Item> batch = new ArrayList<>(policy.maxBatchSize());
                batch.add(first);
                long deadline = System.nanoTime() + policy.maxDelay().toNanos();
                while (batch.size() < policy.maxBatchSize()) {
                    Item next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                batch.removeIf(item -> item.frame().job().isStopped());
                if (!batch.isEmpty()) {
                    slots.acquire();
                    submit(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void submit(List<Item> batch) {
        try {
            compute.execute(() -> {
                try {
                    run(batch);
                } catch (RuntimeException | Error e) {
                    // whatever escapes (an OutOfMemoryError while copying pixels, say) fails the
                    // frames, so their jobs end with an error instead of waiting for ever
                    failBatch(batch, e);
                } finally {
                    slots.release();
                }
            });
        } catch (RejectedExecutionException e) {
            slots.release();
            batch.forEach(item -> item.frame().fail(new StageException("The executor is closed", e)));
        }
    }

    private void run(List<Item> batch) {
        FrameStage<?> stage;
        try {
            stage = instances.acquire();
        } catch (RuntimeException e) {
            failBatch(batch, e);
            return;
        }
        try {
            List<ImageFrame> frames = new ArrayList<>(batch.size());
            for (Item item : batch) {
                frames.add(item.frame().image());
            }
            long started = System.nanoTime();
            StageBatchEvent event = new StageBatchEvent();
            event.begin();
            List<?> results;
            try {
                results = stage.process(frames);
            } catch (RuntimeException | Error e) {
                failBatch(batch, e);
                return;
            }
            long elapsed = System.nanoTime() - started;
            if (event.shouldCommit()) {
                event.kind = kind().name();
                event.frames = frames.size();
                event.commit();
            }
            if (results == null || results.size() != batch.size()) {
                failBatch(batch, new IllegalStateException("stage returned " + (results == null ? "null" : results.size())
                        + " results for " + batch.size() + " frames"));
                return;
            }
            Map<FrameJob, Item> firstOfJob = new IdentityHashMap<>();
            Map<FrameJob, Integer> framesOfJob = new IdentityHashMap<>();
            for (Item item : batch) {
                firstOfJob.putIfAbsent(item.frame().job(), item);
                framesOfJob.merge(item.frame().job(), 1, Integer::sum);
            }
            framesOfJob.forEach((job, n) -> job.recordStageWork(firstOfJob.get(job).slot(), n, elapsed * n / batch.size()));
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).frame().complete(batch.get(i).slot(), results.get(i));
            }
        } finally {
            instances.release(stage);
        }
    }

    private void failBatch(List<Item> batch, Throwable cause) {
        for (Item item : batch) {
            item.frame().fail(instances.failure(item.frame().job().mediaId(), "frame " + item.frame().index(), cause));
        }
    }

    /**
     * Stops the dispatcher. Instances are closed by {@link #closeStages()} once the compute pool
     * has stopped, so no native session is freed while a batch still uses it.
     */
    @Override
    public void close() {
        closed = true;
        dispatcher.interrupt();
        try {
            dispatcher.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Item item; (item = queue.poll()) != null; ) {
            item.frame().fail(new StageException("The executor was closed"));
        }
    }

    /** Closes every stage instance. Call only after the compute pool has terminated. */
    void closeStages() {
        instances.closeAll();
    }
}
