package io.visionpipeline.face;

import io.visionpipeline.geometry.Point;

import java.util.List;
import java.util.Objects;

/**
 * The six face landmarks BlazeFace predicts, in frame pixels. "Right" and "left" are the
 * person's own: on a frontal face the right eye appears on the left of the picture.
 *
 * @param rightEye   centre of the right eye
 * @param leftEye    centre of the left eye
 * @param noseTip    tip of the nose
 * @param mouth      centre of the mouth
 * @param rightEar   right ear tragion
 * @param leftEar    left ear tragion
 * @since 0.1
 */
public record FaceLandmarks(Point rightEye, Point leftEye, Point noseTip, Point mouth, Point rightEar, Point leftEar) {

    /** Checks no landmark is null. */
    public FaceLandmarks {
        Objects.requireNonNull(rightEye, "rightEye");
        Objects.requireNonNull(leftEye, "leftEye");
        Objects.requireNonNull(noseTip, "noseTip");
        Objects.requireNonNull(mouth, "mouth");
        Objects.requireNonNull(rightEar, "rightEar");
        Objects.requireNonNull(leftEar, "leftEar");
    }

    /**
     * @return the landmarks in model order: right eye, left eye, nose tip, mouth, right ear, left ear
     */
    public List<Point> asList() {
        return List.of(rightEye, leftEye, noseTip, mouth, rightEar, leftEar);
    }
}
