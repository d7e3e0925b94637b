package io.visionpipeline.executor;

import io.visionpipeline.stage.Availability;

import java.util.Map;

/**
 * Creates {@link PipelineExecutor}s; found with {@link java.util.ServiceLoader} (register with
 * {@code @AutoService(PipelineExecutorProvider.class)}). A pipeline built without an explicit
 * executor uses the available provider with the highest priority (the local executor).
 *
 * @since 0.1
 */
public interface PipelineExecutorProvider {

    /** @return the provider's name, e.g. {@code local} or {@code redis} */
    String name();

    /** @return higher wins when none is named; the local executor uses 100 */
    int priority();

    /** @return whether this provider can create executors here, and if not, why */
    Availability availability();

    /**
     * @param options provider options (e.g. {@code threads=4}, {@code uri=redis://…})
     * @return a new executor; the caller closes it
     */
    PipelineExecutor create(Map<String, String> options);
}
