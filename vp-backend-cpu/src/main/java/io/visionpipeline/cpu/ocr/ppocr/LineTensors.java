package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.media.ImageFrame;

import java.util.List;

/**
 * Text lines packed for PP-OCR's line models (recogniser and angle classifier) as PaddleOCR's
 * {@code resize_norm_img} does: each line scaled to {@value #HEIGHT} px high keeping its aspect
 * ratio, at most the batch's width, pixels in [-1, 1] in BGR order, the rest of the row left at 0.
 */
final class LineTensors {
    /** Height of a line in the models' input. */
    static final int HEIGHT = 48;
    /** PaddleOCR's line normalisation: {@code (pixel / 255 - 0.5) / 0.5} on BGR planes. */
    static final Normalization NORMALIZATION = Normalization.MINUS_ONE_TO_ONE.inBgrOrder();

    private LineTensors() {
    }

    /**
     * @param line a line's region
     * @return its width over its height in the source
     */
    static double aspectRatio(ImageRegion line) {
        return line.sourceWidth() / Math.max(1e-6, line.sourceHeight());
    }

    /**
     * @param frame      the frame the lines are in
     * @param lines      the lines
     * @param batchWidth the input width
     * @return an NCHW input of {@code lines.size() × 3 × HEIGHT × batchWidth} values
     */
    static float[] pack(ImageFrame frame, List<ImageRegion> lines, int batchWidth) {
        int image = 3 * HEIGHT * batchWidth;
        float[] input = new float[lines.size() * image];
        for (int i = 0; i < lines.size(); i++) {
            ImageRegion line = lines.get(i);
            int width = (int) Math.max(1, Math.min(batchWidth, Math.ceil(HEIGHT * aspectRatio(line))));
            ImageTensors.pack(frame, line.withSize(width, HEIGHT), NORMALIZATION, TensorLayout.NCHW, input, i * image,
                    batchWidth, HEIGHT);
        }
        return input;
    }
}
