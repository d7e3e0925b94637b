package io.visionpipeline.safety;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.SequenceAggregator;

/**
 * Scores frames for content that is not safe for work: one {@link SafetyScore} per frame, in input
 * order. Over a media, the engine passes the scores through {@link #newAggregator}, by default a
 * {@link SafetySummarizer}, which adds a {@link SafetySummary} to the report.
 *
 * <pre>{@code
 * try (SafetyClassifier nsfw = StageProviders.create(StageKinds.NSFW, StageSpec.of("nsfw"))) {
 *     SafetyScore score = nsfw.process(frame);
 *     if (score.flagged()) {
 *         reject(upload);
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SafetyClassifier extends FrameStage<SafetyScore> {

    /** @return the {@link SafetyScore#unsafe()} score at and above which a frame is flagged */
    double threshold();

    /**
     * @param media the media about to be analysed
     * @return a {@link SafetySummarizer} with this classifier's threshold
     */
    @Override
    default SequenceAggregator<SafetyScore> newAggregator(MediaInfo media) {
        return new SafetySummarizer(threshold());
    }
}
