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
 * frame as a rotated crop ({@link ImageRegion}, bilinear, averaged when shrinking), written
 * straight into the embedder's normalised input.
 *
 * <pre>{@code
 * float[] input = new float[112 * 112 * 3];
 * FaceAlignment.pack(frame, face.landmarks(), FaceEmbedderModel.MOBILEFACE, input, 0);
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
    static ImageRegion region(FaceLandmarks landmarks, FaceEmbedderModel model) {
        return region(landmarks, model.inputSize(), model.eyeY(), model.eyeDistance());
    }

    /**
     * @param landmarks   the face's landmarks in frame pixels
     * @param size        the crop's width and height
     * @param eyeY        where the eyes go, as a fraction of the height
     * @param eyeDistance how far apart they go, as a fraction of the width
     * @return the region of the frame the aligned crop shows
     */
    static ImageRegion region(FaceLandmarks landmarks, int size, double eyeY, double eyeDistance) {
        // the eye shown on the picture's left (the person's right) goes left in the crop
        Point sourceLeft = landmarks.rightEye();
        Point sourceRight = landmarks.leftEye();
        double targetLeftX = size * (0.5 - eyeDistance / 2);
        double targetY = size * eyeY;
        double dx = sourceRight.x() - sourceLeft.x();
        double dy = sourceRight.y() - sourceLeft.y();
        double scale = Math.hypot(dx, dy) / (size * eyeDistance);
        double cos = dx / Math.hypot(dx, dy) * scale;
        double sin = dy / Math.hypot(dx, dy) * scale;
        // crop point (u, v) shows source point sourceLeft + R·s·((u, v) − targetLeft)
        double ox = sourceLeft.x() + cos * (-targetLeftX) - sin * (-targetY);
        double oy = sourceLeft.y() + sin * (-targetLeftX) + cos * (-targetY);
        return new ImageRegion(ox, oy, cos * size, sin * size, -sin * size, cos * size, size, size);
    }

    /**
     * Writes the aligned face into the embedder's input, normalised as the model expects.
     *
     * @param frame     the frame
     * @param landmarks the face's landmarks in frame pixels
     * @param model     the embedder
     * @param out       the model input
     * @param offset    where this face starts in it
     */
    static void pack(ImageFrame frame, FaceLandmarks landmarks, FaceEmbedderModel model, float[] out, int offset) {
        int size = model.inputSize();
        ImageTensors.pack(frame, region(landmarks, model), model.normalization(), TensorLayout.NHWC, out, offset, size, size);
    }

    /**
     * @param frame  the frame
     * @param region the region to crop
     * @return the crop, NHWC RGB values 0–255
     */
    static float[] crop(ImageFrame frame, ImageRegion region) {
        float[] rgb = new float[region.width() * region.height() * 3];
        ImageTensors.pack(frame, region, Normalization.RAW, TensorLayout.NHWC, rgb, 0, region.width(), region.height());
        return rgb;
    }
}
