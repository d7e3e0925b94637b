package io.visionpipeline.face;

import io.visionpipeline.geometry.BoundingBox;

import java.util.Locale;
import java.util.Objects;

/**
 * A face found in one frame.
 *
 * @param box       the face's box in frame pixels
 * @param score     detector confidence in [0, 1]
 * @param landmarks eyes, nose, mouth and ears in frame pixels
 * @since 0.1
 */
public record Face(BoundingBox box, double score, FaceLandmarks landmarks) {

    /** Validates the fields. */
    public Face {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Face[%s score=%.2f]", box, score);
    }
}
