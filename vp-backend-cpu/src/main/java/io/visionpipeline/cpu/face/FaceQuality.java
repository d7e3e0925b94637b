package io.visionpipeline.cpu.face;

import io.visionpipeline.face.FaceLandmarks;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.ImageFrame;

/**
 * How usable a face crop is for recognition, in [0, 1]: the product of three scores, each in [0, 1].
 *
 * <ul>
 *   <li><b>size</b>: the distance between the eyes in frame pixels, over {@value #FULL_EYE_DISTANCE}
 *       (smaller faces carry less detail; an embedder's 112-pixel crop has about 35 between the eyes);</li>
 *   <li><b>sharpness</b>: the variance of the Laplacian of the grey values (the usual blur
 *       measure, Pech-Pacheco et al. 2000) over {@value #SHARP_LAPLACIAN_VARIANCE}, measured on
 *       an aligned {@value #SHARPNESS_CROP}×{@value #SHARPNESS_CROP} crop with the eyes
 *       {@value #FULL_EYE_DISTANCE} pixels apart, so it judges the face's own detail and not how
 *       much an embedder's crop had to enlarge it (which the size score already counts);</li>
 *   <li><b>symmetry</b>: how centred the nose tip is between the eyes along the eye line (0.5 on
 *       a frontal face; a face turned aside moves it toward one eye, 0 at or beyond an eye): {@code 1 − 2·|t − 0.5|}.</li>
 * </ul>
 */
final class FaceQuality {
    /** Eye distance, in frame pixels, from which a face counts as full size. */
    static final double FULL_EYE_DISTANCE = 24;
    /**
     * Laplacian variance (of 0–255 grey values) from which a crop counts as sharp. Measured on the
     * 64-pixel crop: astronaut.png 1636; the same shrunk to a fifth and enlarged back 182; Messi's
     * face enlarged about 7× from messi5.jpg 321.
     */
    static final double SHARP_LAPLACIAN_VARIANCE = 300;
    /** Side of the crop the sharpness is measured on. */
    static final int SHARPNESS_CROP = 64;

    private FaceQuality() {
    }

    /**
     * @param frame     the frame the face is in
     * @param landmarks the face's landmarks in frame pixels
     * @return the aligned {@value #SHARPNESS_CROP}-pixel crop the sharpness is measured on (also the face's thumbnail), NHWC RGB 0–255
     */
    static float[] crop(ImageFrame frame, FaceLandmarks landmarks) {
        return FaceAlignment.crop(frame, FaceAlignment.region(landmarks, SHARPNESS_CROP, 0.4, FULL_EYE_DISTANCE / SHARPNESS_CROP));
    }

    /**
     * @param landmarks the face's landmarks in frame pixels
     * @param crop      its {@link #crop}
     * @return the quality in [0, 1]
     */
    static double of(FaceLandmarks landmarks, float[] crop) {
        return size(landmarks) * sharpness(crop, SHARPNESS_CROP) * symmetry(landmarks);
    }

    static double size(FaceLandmarks landmarks) {
        Point a = landmarks.rightEye();
        Point b = landmarks.leftEye();
        return clamp(Math.hypot(b.x() - a.x(), b.y() - a.y()) / FULL_EYE_DISTANCE);
    }

    static double sharpness(float[] crop, int size) {
        return clamp(laplacianVariance(crop, size) / SHARP_LAPLACIAN_VARIANCE);
    }

    static double symmetry(FaceLandmarks landmarks) {
        Point a = landmarks.rightEye();
        Point b = landmarks.leftEye();
        Point n = landmarks.noseTip();
        double ex = b.x() - a.x();
        double ey = b.y() - a.y();
        double t = ((n.x() - a.x()) * ex + (n.y() - a.y()) * ey) / (ex * ex + ey * ey + 1e-9);
        return clamp(1 - 2 * Math.abs(t - 0.5));
    }

    /** Variance of the 4-neighbour Laplacian of the grey image, over its interior. */
    static double laplacianVariance(float[] crop, int size) {
        float[] grey = new float[size * size];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = 0.299f * crop[3 * i] + 0.587f * crop[3 * i + 1] + 0.114f * crop[3 * i + 2];
        }
        double sum = 0;
        double sq = 0;
        int n = 0;
        for (int y = 1; y < size - 1; y++) {
            for (int x = 1; x < size - 1; x++) {
                int i = y * size + x;
                double l = grey[i - 1] + grey[i + 1] + grey[i - size] + grey[i + size] - 4 * grey[i];
                sum += l;
                sq += l * l;
                n++;
            }
        }
        double mean = sum / n;
        return sq / n - mean * mean;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
