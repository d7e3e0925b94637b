package io.visionpipeline.safety;

import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.SequenceAggregator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The default aggregator of every {@link SafetyClassifier}: sees a media's frame scores in order
 * and adds a {@link SafetySummary} to its report (when at least one frame was scored) — the maximum unsafe score and where it is, the
 * share of flagged frames, and the runs of consecutive flagged frames as time ranges. Frame
 * scores pass through unchanged.
 *
 * <pre>{@code
 * SequenceAggregator<SafetyScore> summarizer = new SafetySummarizer(0.5);
 * }</pre>
 *
 * One instance per media, used from one thread (the engine's contract for aggregators).
 *
 * @since 0.1
 */
public final class SafetySummarizer implements SequenceAggregator<SafetyScore> {
    private final double threshold;
    private final List<FlaggedRange> ranges = new ArrayList<>();
    private int frames;
    private int flagged;
    private double maxUnsafe;
    private Duration maxUnsafeAt = Duration.ZERO;
    private Duration runStart;
    private Duration runEnd;
    private int runFrames;
    private double runMax;

    /**
     * @param threshold the classifier's threshold, reported in the summary
     */
    public SafetySummarizer(double threshold) {
        SafetyScore.checkThreshold(threshold);
        this.threshold = threshold;
    }

    @Override
    public SafetyScore onFrame(long frameIndex, Duration timestamp, SafetyScore score) {
        if (score == null) {
            return null;
        }
        if (frames == 0 || score.unsafe() > maxUnsafe) {
            maxUnsafe = score.unsafe();
            maxUnsafeAt = timestamp;
        }
        frames++;
        if (score.flagged()) {
            flagged++;
            if (runStart == null) {
                runStart = timestamp;
                runFrames = 0;
                runMax = 0;
            }
            runEnd = timestamp;
            runFrames++;
            runMax = Math.max(runMax, score.unsafe());
        } else {
            closeRun();
        }
        return score;
    }

    @Override
    public void finish(MediaReport.Builder report) {
        closeRun();
        if (frames == 0) {
            return;
        }
        report.safety(new SafetySummary(threshold, frames, flagged, maxUnsafe, maxUnsafeAt, ranges));
    }

    private void closeRun() {
        if (runStart != null) {
            ranges.add(new FlaggedRange(runStart, runEnd, runFrames, runMax));
            runStart = null;
        }
    }
}
