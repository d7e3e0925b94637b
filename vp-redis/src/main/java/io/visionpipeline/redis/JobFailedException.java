package io.visionpipeline.redis;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.redis.queue.JobError;
import io.visionpipeline.redis.queue.JobOutcome;

/**
 * A job sent through Redis did not produce a report: it failed on every delivery and went to the
 * dead-letter stream, or passed its deadline. The message names the media, the job and the last
 * error as the worker saw it; {@link #errorType()} is the worker's exception class (e.g.
 * {@code io.visionpipeline.media.MediaDecodeException} for a broken file).
 *
 * <pre>{@code
 * try {
 *     pipeline.analyze(Path.of("/shared/uploads/clip.mp4"));
 * } catch (JobFailedException e) {
 *     log.warn("{} ({} deliveries, worker {})", e.getMessage(), e.deliveries(), e.worker());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public class JobFailedException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    private final String jobId;
    private final String mediaId;
    private final JobOutcome.Status status;
    private final String errorType;
    private final String worker;
    private final long deliveries;

    /**
     * @param message    what happened
     * @param jobId      the job
     * @param mediaId    its media
     * @param status     FAILED or EXPIRED
     * @param error      the last error, or null
     * @param deliveries how often it was delivered
     */
    public JobFailedException(String message, String jobId, String mediaId, JobOutcome.Status status, JobError error, long deliveries) {
        super(message);
        this.jobId = jobId;
        this.mediaId = mediaId;
        this.status = status;
        this.errorType = error == null ? "" : error.type();
        this.worker = error == null ? "" : error.worker();
        this.deliveries = deliveries;
    }

    /** @return the job's id */
    public String jobId() {
        return jobId;
    }

    /** @return the media's id */
    public String mediaId() {
        return mediaId;
    }

    /** @return FAILED (dead-lettered) or EXPIRED (deadline passed) */
    public JobOutcome.Status status() {
        return status;
    }

    /** @return the class name of the worker's last exception, empty when none is known */
    public String errorType() {
        return errorType;
    }

    /** @return the worker of the last failure, empty when none is known */
    public String worker() {
        return worker;
    }

    /** @return how often the job was delivered to a worker */
    public long deliveries() {
        return deliveries;
    }
}
