package io.visionpipeline.pose;

import io.visionpipeline.geometry.BoundingBox;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One person's body pose in one frame: the 17 COCO keypoints in frame pixels, the person's box,
 * a score, and over a video the id of the track the person belongs to.
 *
 * <pre>{@code
 * for (Pose pose : frame.poses()) {
 *     Keypoint wrist = pose.keypoint(BodyPart.RIGHT_WRIST);
 *     if (wrist.score() >= 0.3 && wrist.point().y() < pose.keypoint(BodyPart.NOSE).point().y()) {
 *         System.out.println("person " + pose.trackId() + " raises a hand at " + frame.timestamp());
 *     }
 * }
 * }</pre>
 *
 * @param box       the person's box in frame pixels
 * @param score     how sure the model is that this is a person, in [0, 1]
 * @param keypoints the 17 keypoints, in {@link BodyPart} order
 * @param trackId   the person's track over a video's sampled frames, from 1; {@link #NO_TRACK} (0)
 *                  when the pose did not go through a tracker
 * @since 0.1
 */
public record Pose(BoundingBox box, double score, List<Keypoint> keypoints, int trackId) {
    /** The track id of a pose that has not been tracked. */
    public static final int NO_TRACK = 0;

    /** Validates the fields. */
    public Pose {
        Objects.requireNonNull(box, "box");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
        keypoints = List.copyOf(keypoints);
        BodyPart[] parts = BodyPart.values();
        if (keypoints.size() != parts.length) {
            throw new IllegalArgumentException("a pose has " + parts.length + " keypoints, got " + keypoints.size());
        }
        for (int i = 0; i < parts.length; i++) {
            if (keypoints.get(i).part() != parts[i]) {
                throw new IllegalArgumentException("keypoint " + i + " must be " + parts[i] + ", got " + keypoints.get(i).part());
            }
        }
        if (trackId < 0) {
            throw new IllegalArgumentException("trackId must be >= 0: " + trackId);
        }
    }

    /**
     * @param part a body part
     * @return its keypoint
     */
    public Keypoint keypoint(BodyPart part) {
        return keypoints.get(part.ordinal());
    }

    /**
     * @param id the track id, from 1
     * @return this pose on that track
     */
    public Pose withTrackId(int id) {
        return new Pose(box, score, keypoints, id);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Pose[%s%s score=%.2f]", trackId == NO_TRACK ? "" : "track " + trackId + " ", box, score);
    }
}
