package io.visionpipeline.core.engine;

import io.visionpipeline.stage.Stage;

import java.util.concurrent.atomic.AtomicInteger;

/** What every engine probe shares: its model name, and counting how often the engine closes it. */
abstract class ProbeStage implements Stage {
    private final AtomicInteger closed;

    /** @param closed counts closes of this probe's instances */
    ProbeStage(AtomicInteger closed) {
        this.closed = closed;
    }

    @Override
    public String modelName() {
        return "probe";
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }
}
