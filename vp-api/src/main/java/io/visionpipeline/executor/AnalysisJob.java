package io.visionpipeline.executor;

import io.visionpipeline.media.MediaSource;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One media to analyse with one pipeline.
 *
 * @param id       unique job id (used for idempotent result storage by distributed executors)
 * @param source   the media
 * @param pipeline what to run
 * @param deadline when the job must be finished, or null for none
 * @since 0.1
 */
public record AnalysisJob(String id, MediaSource source, PipelineSpec pipeline, Instant deadline) {
    /** Validates the fields. */
    public AnalysisJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(pipeline, "pipeline");
    }

    /**
     * @param source   the media
     * @param pipeline what to run
     * @return a job with a random id and no deadline
     */
    public static AnalysisJob of(MediaSource source, PipelineSpec pipeline) {
        return new AnalysisJob(UUID.randomUUID().toString(), source, pipeline, null);
    }
}
