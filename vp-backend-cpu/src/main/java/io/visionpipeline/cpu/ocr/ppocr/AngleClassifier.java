package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;

import java.util.ArrayList;
import java.util.List;

/**
 * PaddleOCR's text line orientation classifier (MobileNetV3, classes 0° and 180°): lines are
 * packed {@value #WIDTH} px wide, and a line it calls upside down with probability above
 * {@value #THRESHOLD} ({@code cls_thresh}) is turned before recognition.
 */
final class AngleClassifier {
    /** Input width ({@code cls_image_shape} 3,48,192). */
    static final int WIDTH = 192;
    /** Least probability of "180°" that turns a line. */
    static final float THRESHOLD = 0.9f;
    private static final String INPUT = "x";
    private static final String OUTPUT = "save_infer_model/scale_0.tmp_1";

    private final OnnxModel model;
    private final int batchSize;

    AngleClassifier(OnnxModel model, int batchSize) {
        this.model = model;
        this.batchSize = batchSize;
        model.inputShape(INPUT);
    }

    /**
     * @param frame the frame the lines are in
     * @param lines the lines as detected
     * @return the lines, those found upside down turned by 180°
     */
    List<ImageRegion> upright(ImageFrame frame, List<ImageRegion> lines) {
        List<ImageRegion> upright = new ArrayList<>(lines);
        for (int start = 0; start < lines.size(); start += batchSize) {
            List<ImageRegion> regions = lines.subList(start, Math.min(lines.size(), start + batchSize));
            float[] probabilities = call(frame, regions).run();
            for (int i = 0; i < regions.size(); i++) {
                if (probabilities[2 * i + 1] > probabilities[2 * i] && probabilities[2 * i + 1] > THRESHOLD) {
                    upright.set(start + i, regions.get(i).rotated180());
                }
            }
        }
        return upright;
    }

    /**
     * @param frame the frame the lines are in
     * @param lines at most a batch of lines
     * @return the classifier's run on them, input prepared
     */
    OnnxModel.Call call(ImageFrame frame, List<ImageRegion> lines) {
        return model.call(INPUT, OUTPUT, LineTensors.pack(frame, lines, WIDTH), new long[] {lines.size(), 3, LineTensors.HEIGHT, WIDTH});
    }

    /**
     * @param frame the frame the lines are in
     * @param lines the lines
     * @return the classifier's runs for them, inputs prepared, as {@link #upright} makes them
     */
    List<OnnxModel.Call> calls(ImageFrame frame, List<ImageRegion> lines) {
        List<OnnxModel.Call> calls = new ArrayList<>();
        for (int start = 0; start < lines.size(); start += batchSize) {
            calls.add(call(frame, lines.subList(start, Math.min(lines.size(), start + batchSize))));
        }
        return calls;
    }
}
