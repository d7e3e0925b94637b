package io.visionpipeline.redis.queue;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;

import java.time.Instant;
import java.util.Objects;

/**
 * A job as it waits in the stream (the entry's {@code job} field, JSON through
 * {@code ReportJson.mapper()}): plain data, so any worker with the same stages can run it.
 *
 * @param format      layout version ({@link #FORMAT}); a worker refuses newer ones
 * @param id          the job id: results are stored under it, once
 * @param media       where the media is
 * @param pipeline    what to run
 * @param deadline    when the job must be finished, or null
 * @param submitter   the submitter whose reply stream gets the job's events, or null for none
 * @param submittedAt when it was submitted
 * @since 0.1
 */
public record JobMessage(int format, String id, MediaRef media, PipelineSpec pipeline, Instant deadline,
                         String submitter, Instant submittedAt) {
    /** Layout version written by this library. */
    public static final int FORMAT = 1;

    /** Validates the fields. */
    public JobMessage {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(submittedAt, "submittedAt");
    }

    /**
     * @param job       the job
     * @param media     where its media is
     * @param submitter who waits for it, or null
     * @return the message
     */
    public static JobMessage of(AnalysisJob job, MediaRef media, String submitter) {
        return new JobMessage(FORMAT, job.id(), media, job.pipeline(), job.deadline(), submitter, Instant.now());
    }

    /**
     * @param inlineMedia the inline bytes when {@link MediaRef#travelsInline()}, else ignored
     * @return the job a worker runs
     */
    public AnalysisJob toJob(byte[] inlineMedia) {
        return new AnalysisJob(id, media.toSource(inlineMedia), pipeline, deadline);
    }

    /**
     * @param now the current time
     * @return whether the deadline has passed
     */
    public boolean expired(Instant now) {
        return deadline != null && now.isAfter(deadline);
    }
}
