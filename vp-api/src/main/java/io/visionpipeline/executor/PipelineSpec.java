package io.visionpipeline.executor;

import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;

import java.util.List;
import java.util.Objects;

/**
 * What to run on each media: the frame sampling policy and the stages. Plain data, so the same
 * pipeline runs in-process or on remote workers.
 *
 * @param sampling which frames to analyse
 * @param stages   the stages, at least one
 * @since 0.1
 */
public record PipelineSpec(FrameSampling sampling, List<StageSpec> stages) {
    /** Validates and copies the fields. */
    public PipelineSpec {
        Objects.requireNonNull(sampling, "sampling");
        stages = List.copyOf(Objects.requireNonNull(stages, "stages"));
        if (stages.isEmpty()) {
            throw new IllegalArgumentException("a pipeline needs at least one stage");
        }
        if (stages.stream().map(StageSpec::kind).distinct().count() != stages.size()) {
            throw new IllegalArgumentException("each stage kind may appear once: " + stages.stream().map(StageSpec::kind).toList());
        }
    }
}
