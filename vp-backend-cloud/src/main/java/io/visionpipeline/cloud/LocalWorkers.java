package io.visionpipeline.cloud;

import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.worker.RedisWorker;

import java.util.Set;
import java.util.function.Supplier;

/**
 * Workers on this machine that take the queue's jobs while the cloud cannot: the autoscaler
 * starts them when renting, booting or keeping instances fails, and stops them once the queue
 * has been empty for the idle timeout.
 *
 * <pre>{@code
 * LocalWorkers local = LocalWorkers.inProcess(() -> RedisWorker.builder(queue)
 *         .concurrency(2)
 *         .executor(LocalExecutor.withThreads(4)));
 * Autoscaler.builder(queue, vast).localWorkers(local)…
 * }</pre>
 *
 * @since 0.1
 */
public interface LocalWorkers extends AutoCloseable {

    /**
     * Starts the workers, unless they run.
     *
     * @throws io.visionpipeline.VisionPipelineException when they cannot start (e.g. Redis is unreachable)
     */
    void start();

    /** Stops the workers gracefully (running jobs finish or go back to the queue), if they run. */
    void stop();

    /** @return whether they run */
    boolean running();

    /** @return the ids of the workers, running or not (to tell which jobs they ran) */
    Set<String> workerIds();

    /** Stops the workers. */
    @Override
    default void close() {
        stop();
    }

    /**
     * @param worker makes the builder of the one in-process worker, each time it starts; give
     *               it a fixed id (the default builder's id is random)
     * @return local workers running a {@link RedisWorker} in this process
     */
    static LocalWorkers inProcess(Supplier<RedisWorker.Builder> worker) {
        return new InProcessWorkers(worker);
    }

    /**
     * @param queue       the queue
     * @param id          the worker's id
     * @param concurrency jobs it runs at once
     * @return local workers running one {@link RedisWorker} (with a local executor) in this process
     */
    static LocalWorkers inProcess(RedisQueueConfig queue, String id, int concurrency) {
        return new InProcessWorkers(() -> RedisWorker.builder(queue).id(id).concurrency(concurrency));
    }
}
