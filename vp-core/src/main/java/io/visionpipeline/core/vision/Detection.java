package io.visionpipeline.core.vision;

import io.visionpipeline.geometry.BoundingBox;

/**
 * A raw detection during post-processing: a box, keypoints as {@code x0, y0, x1, y1, …} in the
 * same coordinate space, and a score.
 *
 * @param box       the box
 * @param keypoints keypoint coordinates, interleaved x/y (may be empty)
 * @param score     confidence in [0, 1]
 */
public record Detection(BoundingBox box, float[] keypoints, float score) {
}
