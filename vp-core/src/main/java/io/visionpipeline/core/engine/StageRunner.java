package io.visionpipeline.core.engine;

import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.stage.BatchPolicy;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

    /** A frame waiting for this stage. */
    record Item(PendingFrame frame, int slot) {
    }

    private final StageKind<?> kind;
    private final StageProvider<?> provider;
    private final StageOptions options;
    private final BatchPolicy policy;
    private final BlockingQueue<Item> queue = new LinkedBlockingQueue<>();
    private final BlockingQueue<FrameStage<?>> idle = new LinkedBlockingQueue<>();
    private final List<FrameStage<?>> instances = new ArrayList<>();
    private final FrameStage<?> shared;
    private final Semaphore slots;
    private final ExecutorService compute;
    private final Thread dispatcher;
    private final String modelName;
    private volatile boolean closed;

    StageRunner(StageSpec spec, ExecutorService compute, int maxConcurrentBatches) {
        this.kind = io.visionpipeline.StageKinds.named(spec.kind());
        if (!kind.isFrameKind()) {
            throw new StageException("The local executor cannot run '" + spec.kind() + "' stages yet");
        }
        this.provider = StageProviders.select(kind, spec.provider());
        this.options = spec.stageOptions();
        FrameStage<?> first = createInstance();
        this.shared = first.isThreadSafe() ? first : null;
        if (shared == null) {
            idle.add(first);
        }
        this.policy = first.batchPolicy();
        this.modelName = first.modelName();
        int concurrency = Math.max(1, maxConcurrentBatches);
        this.slots = new Semaphore(concurrency);
        this.compute = compute;
        this.dispatcher = new Thread(this::dispatch, "vp-batch-" + kind.name());
        this.dispatcher.setDaemon(true);
        this.dispatcher.start();
    }

    /** @return the stage kind */
    StageKind<?> kind() {
        return kind;
    }

    /** @return the report entry describing this stage */
    StageRun describe() {
        return new StageRun(kind.name(), provider.name(), modelName, options.asMap());
    }

    /** @return an instance to create per-media aggregators from */
    FrameStage<?> anyInstance() {
        synchronized (instances) {
            return instances.get(0);
        }
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

    private FrameStage<?> createInstance() {
        FrameStage<?> stage = (FrameStage<?>) StageProviders.create(provider, options);
        synchronized (instances) {
            instances.add(stage);
        }
        return stage;
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
            stage = acquireInstance();
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
            List<?> results;
            try {
                results = stage.process(frames);
            } catch (RuntimeException | LinkageError e) {
                failBatch(batch, e);
                return;
            }
            long elapsed = System.nanoTime() - started;
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
            if (shared == null) {
                idle.add(stage);
            }
        }
    }

    /** The shared instance, or for a stage that is not thread-safe an idle or new one of its own. */
    private FrameStage<?> acquireInstance() {
        if (shared != null) {
            return shared;
        }
        FrameStage<?> stage = idle.poll();
        return stage != null ? stage : createInstance();
    }

    private void failBatch(List<Item> batch, Throwable cause) {
        for (Item item : batch) {
            String media = item.frame().job().mediaId();
            item.frame().fail(cause instanceof StageException se && se.getMessage().contains(media) ? se
                    : new StageException("Stage '" + kind + "' (" + provider.name() + ") failed on '" + media + "' frame "
                    + item.frame().image().index() + ": " + cause, cause));
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
        synchronized (instances) {
            for (FrameStage<?> stage : instances) {
                try {
                    stage.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing stage {} failed: {}", kind, e.toString());
                }
            }
            instances.clear();
        }
    }
}
