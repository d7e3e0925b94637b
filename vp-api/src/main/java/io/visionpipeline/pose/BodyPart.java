package io.visionpipeline.pose;

import java.util.Locale;

/**
 * The 17 body keypoints of the COCO keypoint task, in COCO's (and MoveNet's) order. "Left" and
 * "right" are the person's own: on a person facing the camera the left shoulder appears on the
 * right of the picture.
 *
 * <pre>{@code
 * Keypoint nose = pose.keypoint(BodyPart.NOSE);
 * String coco = BodyPart.LEFT_SHOULDER.cocoName();   // "left_shoulder"
 * }</pre>
 *
 * @since 0.1
 */
public enum BodyPart {
    /** Nose. */
    NOSE,
    /** Left eye. */
    LEFT_EYE,
    /** Right eye. */
    RIGHT_EYE,
    /** Left ear. */
    LEFT_EAR,
    /** Right ear. */
    RIGHT_EAR,
    /** Left shoulder. */
    LEFT_SHOULDER,
    /** Right shoulder. */
    RIGHT_SHOULDER,
    /** Left elbow. */
    LEFT_ELBOW,
    /** Right elbow. */
    RIGHT_ELBOW,
    /** Left wrist. */
    LEFT_WRIST,
    /** Right wrist. */
    RIGHT_WRIST,
    /** Left hip. */
    LEFT_HIP,
    /** Right hip. */
    RIGHT_HIP,
    /** Left knee. */
    LEFT_KNEE,
    /** Right knee. */
    RIGHT_KNEE,
    /** Left ankle. */
    LEFT_ANKLE,
    /** Right ankle. */
    RIGHT_ANKLE;

    /** @return the COCO name, e.g. {@code left_shoulder} */
    public String cocoName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
