package io.visionpipeline.pose;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.SequenceAggregator;

import java.util.List;

/**
 * Finds people and their body poses in frames: one list per frame, in input order, best-scored
 * person first; an empty list when nobody is found. Over a video, the engine passes each frame's
 * poses through {@link #newAggregator}, by default a {@link PoseTracker}, which gives every pose
 * the id of the person's track.
 *
 * <pre>{@code
 * try (PoseEstimator poses = StageProviders.create(StageKinds.POSE, StageSpec.of("pose"))) {
 *     for (Pose pose : poses.process(frame)) {
 *         System.out.println(pose.box() + " nose at " + pose.keypoint(BodyPart.NOSE).point());
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface PoseEstimator extends FrameStage<List<Pose>> {

    /**
     * @param media the media about to be analysed
     * @return a {@link PoseTracker} with its default settings
     */
    @Override
    default SequenceAggregator<List<Pose>> newAggregator(MediaInfo media) {
        return new PoseTracker();
    }
}
