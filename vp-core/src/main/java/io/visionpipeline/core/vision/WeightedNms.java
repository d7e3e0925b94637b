package io.visionpipeline.core.vision;

import io.visionpipeline.geometry.BoundingBox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MediaPipe's weighted non-maximum suppression: detections are taken by falling score; each one
 * absorbs every remaining detection that overlaps it by at least the IoU threshold, and the group
 * becomes one detection whose box and keypoints are the score-weighted mean of the group, scored
 * with the best score. Steadier boxes than hard NMS for anchor-based detectors such as BlazeFace.
 *
 * <pre>{@code
 * List<Detection> faces = WeightedNms.apply(candidates, 0.3f);
 * }</pre>
 */
public final class WeightedNms {
    private WeightedNms() {
    }

    /**
     * @param detections   candidates, any order
     * @param iouThreshold overlap at or above which two detections are merged
     * @return merged detections, best first
     */
    public static List<Detection> apply(List<Detection> detections, float iouThreshold) {
        List<Detection> remaining = new ArrayList<>(detections);
        remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> out = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection top = remaining.get(0);
            List<Detection> group = new ArrayList<>();
            List<Detection> rest = new ArrayList<>();
            for (Detection d : remaining) {
                (d == top || top.box().iou(d.box()) >= iouThreshold ? group : rest).add(d);
            }
            out.add(merge(group, top.score()));
            remaining = rest;
        }
        return out;
    }

    private static Detection merge(List<Detection> group, float score) {
        if (group.size() == 1) {
            return group.get(0);
        }
        double total = 0;
        double x1 = 0;
        double y1 = 0;
        double x2 = 0;
        double y2 = 0;
        double[] keypoints = new double[group.get(0).keypoints().length];
        for (Detection d : group) {
            double w = d.score();
            total += w;
            x1 += d.box().x() * w;
            y1 += d.box().y() * w;
            x2 += d.box().maxX() * w;
            y2 += d.box().maxY() * w;
            for (int k = 0; k < keypoints.length; k++) {
                keypoints[k] += d.keypoints()[k] * w;
            }
        }
        float[] merged = new float[keypoints.length];
        for (int k = 0; k < merged.length; k++) {
            merged[k] = (float) (keypoints[k] / total);
        }
        return new Detection(BoundingBox.ofCorners(x1 / total, y1 / total, x2 / total, y2 / total), merged, score);
    }
}
