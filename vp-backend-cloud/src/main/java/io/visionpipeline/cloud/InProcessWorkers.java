package io.visionpipeline.cloud;

import io.visionpipeline.redis.worker.RedisWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/** {@link LocalWorkers} as one {@link RedisWorker} in this process, started on demand. */
final class InProcessWorkers implements LocalWorkers {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessWorkers.class);

    private final Supplier<RedisWorker.Builder> builder;
    private final Set<String> ids = new LinkedHashSet<>();
    private RedisWorker worker;

    InProcessWorkers(Supplier<RedisWorker.Builder> builder) {
        this.builder = Objects.requireNonNull(builder, "builder");
    }

    @Override
    public synchronized void start() {
        if (worker == null) {
            worker = builder.get().start();
            ids.add(worker.id());
            LOG.info("Local fallback worker {} takes jobs from {}", worker.id(), worker.queue().config().describe());
        }
    }

    @Override
    public synchronized void stop() {
        if (worker != null) {
            worker.close();
            LOG.info("Local fallback worker {} stopped", worker.id());
            worker = null;
        }
    }

    @Override
    public synchronized boolean running() {
        return worker != null;
    }

    @Override
    public synchronized Set<String> workerIds() {
        return Set.copyOf(ids);
    }
}
