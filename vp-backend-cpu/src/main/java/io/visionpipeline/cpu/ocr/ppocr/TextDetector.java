package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.ImageFrame;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * PP-OCRv4 text detection (DBNet): the frame is resized to the detector's input size (see
 * {@link #inputBox}), normalised as PaddleOCR trained it, run once, and the probability map is
 * turned into rotated boxes ({@link DbPostProcessor}) mapped back to frame pixels, clipped to the
 * frame and put in reading order.
 */
final class TextDetector {
    /**
     * PaddleOCR's detection normalisation: ImageNet mean and deviation listed in RGB order but
     * applied to OpenCV's BGR planes (B gets 0.485/0.229), which is how the model was trained.
     */
    static final Normalization NORMALIZATION = Normalization.meanStd(
            new float[] {0.406f, 0.456f, 0.485f}, new float[] {0.225f, 0.224f, 0.229f}).inBgrOrder();
    private static final String INPUT = "x";
    private static final String OUTPUT = "sigmoid_0.tmp_0";
    /** Boxes this close in y (frame pixels) are on one line for reading order (PaddleOCR's {@code sorted_boxes}). */
    private static final double SAME_LINE_PIXELS = 10;
    /** Least side of a box kept, in frame pixels (PaddleOCR's {@code filter_tag_det_res}). */
    private static final double MIN_SIDE_PIXELS = 3;

    private final OnnxModel model;
    private final PpOcrSettings settings;
    private final DbPostProcessor post;

    TextDetector(OnnxModel model, PpOcrSettings settings) {
        this.model = model;
        this.settings = settings;
        this.post = new DbPostProcessor(settings);
        model.inputShape(INPUT);
    }

    /**
     * The detector's input size for a frame: the shorter side scaled up to
     * {@link PpOcrSettings#sideLength()}, the longer side then capped at
     * {@link PpOcrSettings#maxSideLength()}, each side rounded to a multiple of 32 (at least 32).
     *
     * @param width    frame width
     * @param height   frame height
     * @param settings the settings
     * @return the resize from the frame to the input
     */
    static Letterbox inputBox(int width, int height, PpOcrSettings settings) {
        int shorter = Math.min(width, height);
        int longer = Math.max(width, height);
        double ratio = shorter < settings.sideLength() ? settings.sideLength() / (double) shorter : 1;
        if (longer * ratio > settings.maxSideLength()) {
            ratio = settings.maxSideLength() / (double) longer;
        }
        int w = Math.max(32, (int) Math.round(width * ratio / 32) * 32);
        int h = Math.max(32, (int) Math.round(height * ratio / 32) * 32);
        return Letterbox.stretch(width, height, w, h);
    }

    /**
     * @param frame a frame
     * @param box   its {@link #inputBox}
     * @return the detector's run on it, input prepared
     */
    OnnxModel.Call call(ImageFrame frame, Letterbox box) {
        float[] input = new float[3 * box.targetWidth() * box.targetHeight()];
        ImageTensors.pack(frame, box, NORMALIZATION, TensorLayout.NCHW, input, 0);
        return model.call(INPUT, OUTPUT, input, new long[] {1, 3, box.targetHeight(), box.targetWidth()});
    }

    /**
     * @param frame a frame
     * @return its text boxes in frame pixels, four corners each (top-left first, clockwise), in reading order
     */
    List<Polygon> detect(ImageFrame frame) {
        Letterbox box = inputBox(frame.width(), frame.height(), settings);
        int w = box.targetWidth();
        int h = box.targetHeight();
        float[] probabilities = call(frame, box).run();
        List<Polygon> boxes = new ArrayList<>();
        for (DbPostProcessor.ScoredBox scored : post.boxes(probabilities, w, h)) {
            Point[] corners = scored.rect().corners();
            double[] xy = new double[8];
            for (int i = 0; i < 4; i++) {
                xy[2 * i] = clamp(box.toSourceX(corners[i].x()), frame.width());
                xy[2 * i + 1] = clamp(box.toSourceY(corners[i].y()), frame.height());
            }
            if (Math.hypot(xy[2] - xy[0], xy[3] - xy[1]) > MIN_SIDE_PIXELS && Math.hypot(xy[6] - xy[0], xy[7] - xy[1]) > MIN_SIDE_PIXELS) {
                boxes.add(Polygon.of(xy));
            }
        }
        return readingOrder(boxes);
    }

    /** Top to bottom, and left to right among boxes whose tops are within {@value #SAME_LINE_PIXELS} px. */
    static List<Polygon> readingOrder(List<Polygon> boxes) {
        List<Polygon> sorted = new ArrayList<>(boxes);
        sorted.sort(Comparator.<Polygon>comparingDouble(p -> p.points().get(0).y()).thenComparingDouble(p -> p.points().get(0).x()));
        for (int i = 1; i < sorted.size(); i++) {
            for (int j = i; j > 0; j--) {
                Point a = sorted.get(j - 1).points().get(0);
                Point b = sorted.get(j).points().get(0);
                if (Math.abs(b.y() - a.y()) < SAME_LINE_PIXELS && b.x() < a.x()) {
                    sorted.set(j, sorted.set(j - 1, sorted.get(j)));
                } else {
                    break;
                }
            }
        }
        return sorted;
    }

    private static double clamp(double v, int max) {
        return Math.max(0, Math.min(max, v));
    }
}
