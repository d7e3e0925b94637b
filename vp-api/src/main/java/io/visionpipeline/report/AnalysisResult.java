package io.visionpipeline.report;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.media.MediaSource;

import java.util.Objects;

/**
 * The outcome for one media in a multi-file run: a report, or the error that stopped it. A bad
 * file never hides the results of the good ones.
 *
 * <pre>{@code
 * for (AnalysisResult r : pipeline.analyzeAll(List.of(MediaSource.of(Path.of("uploads/"))))) {
 *     if (r.isSuccess()) save(r.report()); else log.warn(r.error().getMessage());
 * }
 * }</pre>
 *
 * @param source the media
 * @param report its report, null on failure
 * @param error  the failure, null on success
 * @since 0.1
 */
public record AnalysisResult(MediaSource source, MediaReport report, VisionPipelineException error) {

    /** Checks exactly one of report and error is set. */
    public AnalysisResult {
        Objects.requireNonNull(source, "source");
        if ((report == null) == (error == null)) {
            throw new IllegalArgumentException("exactly one of report and error must be set");
        }
    }

    /**
     * @param source the media
     * @param report its report
     * @return a success
     */
    public static AnalysisResult success(MediaSource source, MediaReport report) {
        return new AnalysisResult(source, Objects.requireNonNull(report, "report"), null);
    }

    /**
     * @param source the media
     * @param error  what stopped it
     * @return a failure
     */
    public static AnalysisResult failure(MediaSource source, VisionPipelineException error) {
        return new AnalysisResult(source, null, Objects.requireNonNull(error, "error"));
    }

    /** @return whether a report was produced */
    public boolean isSuccess() {
        return report != null;
    }

    /**
     * @return the report
     * @throws VisionPipelineException the failure, when there is no report
     */
    public MediaReport reportOrThrow() {
        if (error != null) {
            throw error;
        }
        return report;
    }
}
