package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.stage.StageException;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * PP-OCRv4 line recognition (SVTR-LCNet with a CTC head). Each line is scaled to 48 px high and
 * padded on the right to its own width rounded up to {@value #WIDTH_STEP} px, at least
 * {@value #MIN_WIDTH} px (the training width, PaddleOCR's {@code rec_image_shape}) and at most
 * {@value #MAX_WIDTH} px (so one absurdly long line cannot take unbounded memory: a longer line
 * is squeezed). Lines of the same padded width are recognised together, up to
 * {@link PpOcrSettings#batchSize()} per call.
 *
 * <p>Unlike PaddleOCR, which pads every line of a batch to the batch's widest, a line is never
 * padded beyond what it needs: the model was trained with at most {@value #MIN_WIDTH} px of
 * input, and long padding makes it drop the spaces of short lines ("histogramofgreyvalues:")
 * and makes a line's reading depend on the other lines in the frame, which would break text
 * tracks over video.
 */
final class LineRecognizer {
    /** Narrowest input (PaddleOCR's {@code rec_image_shape} 3,48,320). */
    static final int MIN_WIDTH = 320;
    /** Padded widths are multiples of this, so lines of similar length share a batch. */
    static final int WIDTH_STEP = 32;
    /** Widest input: an aspect ratio of 80, a full-width line of small text in a 4K frame. */
    static final int MAX_WIDTH = 80 * LineTensors.HEIGHT;
    private static final String INPUT = "x";
    private static final String OUTPUT = "softmax_11.tmp_0";

    private final OnnxModel model;
    private final CtcDecoder decoder;
    private final int batchSize;
    private final float spaceThreshold;

    LineRecognizer(OnnxModel model, CtcDecoder decoder, int batchSize, float spaceThreshold) {
        this.model = model;
        this.decoder = decoder;
        this.batchSize = batchSize;
        this.spaceThreshold = spaceThreshold;
        model.inputShape(INPUT);
    }

    /**
     * @param frame the frame the lines are in
     * @param lines the lines, upright
     * @return one decoded line per region, in input order
     */
    List<CtcDecoder.Line> recognize(ImageFrame frame, List<ImageRegion> lines) {
        CtcDecoder.Line[] results = new CtcDecoder.Line[lines.size()];
        for (List<Integer> batch : batches(lines, batchSize)) {
            float[] probabilities = call(frame, batch.stream().map(lines::get).toList()).run();
            int perLine = probabilities.length / batch.size();
            if (probabilities.length % batch.size() != 0 || perLine % decoder.classes() != 0) {
                throw new StageException("Model '" + model.name() + "' returned " + probabilities.length + " values for "
                        + batch.size() + " line(s), not a multiple of the key file's " + decoder.classes()
                        + " classes: the key file does not belong to this model");
            }
            for (int i = 0; i < batch.size(); i++) {
                results[batch.get(i)] = decoder.decode(probabilities, i * perLine, perLine / decoder.classes(), spaceThreshold);
            }
        }
        return Arrays.asList(results);
    }

    /**
     * @param frame the frame the lines are in
     * @param lines the lines of one batch (one padded width)
     * @return the recogniser's run on them, input prepared
     */
    OnnxModel.Call call(ImageFrame frame, List<ImageRegion> lines) {
        int width = paddedWidth(lines.get(0));
        return model.call(INPUT, OUTPUT, LineTensors.pack(frame, lines, width), new long[] {lines.size(), 3, LineTensors.HEIGHT, width});
    }

    /**
     * @param frame the frame the lines are in
     * @param lines the lines, upright
     * @return the recogniser's runs for them, inputs prepared, as {@link #recognize} makes them
     */
    List<OnnxModel.Call> calls(ImageFrame frame, List<ImageRegion> lines) {
        return batches(lines, batchSize).stream().map(b -> call(frame, b.stream().map(lines::get).toList())).toList();
    }

    /**
     * @param lines     line regions
     * @param batchSize most lines per batch
     * @return indices of the lines, grouped into batches of one {@link #paddedWidth}, narrowest first
     */
    static List<List<Integer>> batches(List<ImageRegion> lines, int batchSize) {
        Map<Integer, List<Integer>> byWidth = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            byWidth.computeIfAbsent(paddedWidth(lines.get(i)), w -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> batches = new ArrayList<>();
        for (List<Integer> group : byWidth.values()) {
            for (int start = 0; start < group.size(); start += batchSize) {
                batches.add(group.subList(start, Math.min(group.size(), start + batchSize)));
            }
        }
        return batches;
    }

    /**
     * @param line a line's region
     * @return the input width it is recognised at
     */
    static int paddedWidth(ImageRegion line) {
        double width = Math.ceil(LineTensors.HEIGHT * LineTensors.aspectRatio(line));
        int padded = (int) Math.min(MAX_WIDTH, Math.ceil(width / WIDTH_STEP) * WIDTH_STEP);
        return Math.max(MIN_WIDTH, padded);
    }
}
