package io.visionpipeline.pose;

import io.visionpipeline.geometry.Point;

import java.util.Locale;
import java.util.Objects;

/**
 * One body keypoint of a {@link Pose}: where the model puts it, in frame pixels, and how sure it is.
 * A keypoint the model cannot see (hidden, outside the picture) still has a position, with a low
 * score: filter on {@link #score()} (0.3 is a common cut).
 *
 * @param part  which keypoint
 * @param point its position in frame pixels
 * @param score the model's confidence in [0, 1]
 * @since 0.1
 */
public record Keypoint(BodyPart part, Point point, double score) {

    /** Validates the fields. */
    public Keypoint {
        Objects.requireNonNull(part, "part");
        Objects.requireNonNull(point, "point");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s%s %.2f", part.cocoName(), point, score);
    }
}
