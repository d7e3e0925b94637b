package io.visionpipeline.cpu.face;

import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.face.FaceLandmarks;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.ImageFrame;

/**
 * Aligns a face to an embedder's input by its eyes: the similarity transform (rotation, uniform
 * scale, shift) that puts the two eye landmarks where the embedder expects them, applied to the
 * frame as a rotated crop ({@link ImageRegion}, bilinear, averaged when shrinking). The crop is
 * kept as 0–255 RGB values for the quality measures and the thumbnail; the model input is
 * normalised from it.
 *
 * <pre>{@code
 * float[] crop = FaceAlignment.crop(frame, face.landmarks(), FaceEmbedderModel.MOBILEFACE);   // 112×112×3
 * }</pre>
 */
final class FaceAlignment {

    private FaceAlignment() {
    }

    /**
     * @param frame     the frame
     * @param landmarks the face's landmarks in frame pixels
     * @param model     the embedder (its input size and eye placement)
     * @return the region of the frame the aligned crop shows
     */
    static ImageRegion region(ImageFrame frame, FaceLandmarks landmarks, FaceEmbedderModel model) {
        int size = model.inputSize();
        // the eye shown on the picture's left (the person's right) goes left in the crop
        Point sourceLeft = landmarks.rightEye();
        Point sourceRight = landmarks.leftEye();
        double targetLeftX = size * (0.5 - model.eyeDistance() / 2);
        double targetY = size * model.eyeY();
        double dx = sourceRight.x() - sourceLeft.x();
        double dy = sourceRight.y() - sourceLeft.y();
        double scale = Math.hypot(dx, dy) / (size * model.eyeDistance());
        double cos = dx / Math.hypot(dx, dy) * scale;
        double sin = dy / Math.hypot(dx, dy) * scale;
        // crop point (u, v) shows source point sourceLeft + R·s·((u, v) − targetLeft)
        double ox = sourceLeft.x() + cos * (-targetLeftX) - sin * (-targetY);
        double oy = sourceLeft.y() + sin * (-targetLeftX) + cos * (-targetY);
        return new ImageRegion(ox, oy, cos * size, sin * size, -sin * size, cos * size, size, size);
    }

    /**
     * @param frame     the frame
     * @param landmarks the face's landmarks in frame pixels
     * @param model     the embedder
     * @return the aligned crop, NHWC RGB values 0–255, {@code size × size × 3}
     */
    static float[] crop(ImageFrame frame, FaceLandmarks landmarks, FaceEmbedderModel model) {
        int size = model.inputSize();
        float[] rgb = new float[size * size * 3];
        ImageTensors.pack(frame, region(frame, landmarks, model), Normalization.RAW, TensorLayout.NHWC, rgb, 0, size, size);
        return rgb;
    }

    /**
     * @param crop  an aligned crop, 0–255
     * @param model the embedder
     * @param out   the model input to write into
     * @param offset where this face starts in it
     */
    static void normalize(float[] crop, FaceEmbedderModel model, float[] out, int offset) {
        Normalization n = model.normalization();
        for (int i = 0; i < crop.length; i++) {
            int c = i % 3;
            out[offset + i] = (crop[i] / 255f - n.mean()[c]) / n.std()[c];
        }
    }
}
