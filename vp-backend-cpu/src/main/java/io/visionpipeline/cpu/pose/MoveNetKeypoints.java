package io.visionpipeline.cpu.pose;

import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.pose.BodyPart;
import io.visionpipeline.pose.Keypoint;

import java.util.ArrayList;
import java.util.List;

/**
 * MoveNet's keypoint output, read and mapped back to frame pixels, and the crop around a person
 * that TF.js pose-detection feeds its single-pose models ({@code determineNextCropRegion}).
 */
final class MoveNetKeypoints {
    /** Values per keypoint: y, x, score. */
    static final int VALUES = 3;
    /** Least keypoint score for a keypoint to shape a crop or a box (TF.js pose-detection's {@code MIN_CROP_KEYPOINT_SCORE}). */
    static final double VISIBLE = 0.2;
    /** How far a crop reaches past the torso's farthest joint from the hip centre (TF.js pose-detection). */
    private static final double TORSO_EXPANSION = 1.9;
    /** How far a crop reaches past the body's farthest visible keypoint (TF.js pose-detection). */
    private static final double BODY_EXPANSION = 1.2;
    /** Margin added to each side of a box drawn around keypoints: joints are centres, the head and feet reach past them. */
    private static final double BOX_MARGIN = 0.1;

    private MoveNetKeypoints() {
    }

    /**
     * @param output the model output
     * @param offset where the 17 {@code (y, x, score)} triples start
     * @param box    where the model's input came from
     * @return the keypoints in frame pixels
     */
    static List<Keypoint> read(float[] output, int offset, Letterbox box) {
        BodyPart[] parts = BodyPart.values();
        List<Keypoint> keypoints = new ArrayList<>(parts.length);
        for (int k = 0; k < parts.length; k++) {
            int i = offset + VALUES * k;
            Point p = new Point(box.toSourceX(output[i + 1] * box.targetWidth()), box.toSourceY(output[i] * box.targetHeight()));
            keypoints.add(new Keypoint(parts[k], p, Math.max(0, Math.min(1, output[i + 2]))));
        }
        return keypoints;
    }

    /** @return the mean score of the keypoints above {@link #VISIBLE}, 0 when none is (TF.js pose-detection's single-pose score) */
    static double score(List<Keypoint> keypoints) {
        return keypoints.stream().mapToDouble(Keypoint::score).filter(s -> s > VISIBLE).average().orElse(0);
    }

    /**
     * @return the box around the keypoints above {@link #VISIBLE}, grown by a tenth of its size on
     *         each side and clipped to the frame; null when no keypoint is visible
     */
    static BoundingBox box(List<Keypoint> keypoints, int frameWidth, int frameHeight) {
        List<Point> visible = keypoints.stream().filter(k -> k.score() > VISIBLE).map(Keypoint::point).toList();
        if (visible.isEmpty()) {
            return null;
        }
        double minX = visible.stream().mapToDouble(Point::x).min().orElseThrow();
        double maxX = visible.stream().mapToDouble(Point::x).max().orElseThrow();
        double minY = visible.stream().mapToDouble(Point::y).min().orElseThrow();
        double maxY = visible.stream().mapToDouble(Point::y).max().orElseThrow();
        double mx = (maxX - minX) * BOX_MARGIN;
        double my = (maxY - minY) * BOX_MARGIN;
        return BoundingBox.ofCorners(minX - mx, minY - my, maxX + mx, maxY + my).clip(frameWidth, frameHeight);
    }

    /**
     * The square crop around one person for a single-pose model, as TF.js pose-detection
     * computes it: centred on the hips, reaching 1.9× the torso's and 1.2× the body's extent from
     * there. When the torso is not visible, a square 1.2× the person's box around its centre.
     *
     * @param keypoints the person's keypoints in frame pixels
     * @param person    the person's box, or null
     * @param frameWidth  frame width
     * @param frameHeight frame height
     * @param inputSize the single-pose model's input size
     * @return the crop, or the whole frame letterboxed when the crop would be larger than the frame
     */
    static Letterbox crop(List<Keypoint> keypoints, BoundingBox person, int frameWidth, int frameHeight, int inputSize) {
        Letterbox whole = Letterbox.fit(frameWidth, frameHeight, inputSize, inputSize);
        double cx;
        double cy;
        double half;
        if (torsoVisible(keypoints)) {
            Point leftHip = keypoints.get(BodyPart.LEFT_HIP.ordinal()).point();
            Point rightHip = keypoints.get(BodyPart.RIGHT_HIP.ordinal()).point();
            cx = (leftHip.x() + rightHip.x()) / 2;
            cy = (leftHip.y() + rightHip.y()) / 2;
            half = 0;
            for (BodyPart torso : new BodyPart[] {BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER, BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP}) {
                Point p = keypoints.get(torso.ordinal()).point();
                half = Math.max(half, TORSO_EXPANSION * Math.max(Math.abs(p.x() - cx), Math.abs(p.y() - cy)));
            }
            for (Keypoint k : keypoints) {
                if (k.score() >= VISIBLE) {
                    half = Math.max(half, BODY_EXPANSION * Math.max(Math.abs(k.point().x() - cx), Math.abs(k.point().y() - cy)));
                }
            }
            half = Math.min(half, Math.max(Math.max(cx, frameWidth - cx), Math.max(cy, frameHeight - cy)));
        } else if (person != null) {
            cx = person.center().x();
            cy = person.center().y();
            half = BODY_EXPANSION * Math.max(person.width(), person.height()) / 2;
        } else {
            return whole;
        }
        if (!(half > 0) || half > Math.max(frameWidth, frameHeight) / 2.0) {
            return whole;
        }
        return Letterbox.region(frameWidth, frameHeight, cx - half, cy - half, 2 * half, 2 * half, inputSize, inputSize);
    }

    private static boolean torsoVisible(List<Keypoint> keypoints) {
        return (visible(keypoints, BodyPart.LEFT_HIP) || visible(keypoints, BodyPart.RIGHT_HIP))
                && (visible(keypoints, BodyPart.LEFT_SHOULDER) || visible(keypoints, BodyPart.RIGHT_SHOULDER));
    }

    private static boolean visible(List<Keypoint> keypoints, BodyPart part) {
        return keypoints.get(part.ordinal()).score() > VISIBLE;
    }
}
