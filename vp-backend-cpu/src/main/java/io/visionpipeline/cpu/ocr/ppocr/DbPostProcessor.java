package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.vision.Blobs;
import io.visionpipeline.core.vision.RotatedRect;

import java.util.ArrayList;
import java.util.List;

/**
 * DBNet post-processing as PaddleOCR does it ({@code DBPostProcess}) with score mode {@code slow}:
 * the probability map is binarised at {@link PpOcrSettings#threshold()}; each connected region
 * gets its smallest enclosing rotated rectangle; regions whose rectangle has a side under 3 px or
 * whose own mean probability is under {@link PpOcrSettings#boxThreshold()} are dropped (scoring
 * the region itself, not its rectangle, keeps curved lines such as a page photographed on a
 * bend, whose rectangle is mostly background); the rest are grown by
 * {@code area × unclipRatio / perimeter} on every side (DBNet predicts a shrunk text kernel; this
 * is Vatti clipping of a rectangle with round joins followed by another enclosing rectangle, done
 * exactly for rectangles).
 */
final class DbPostProcessor {
    /** Smallest side a text kernel may have, in map pixels (PaddleOCR's {@code min_size}). */
    static final double MIN_SIZE = 3;

    private final PpOcrSettings settings;

    DbPostProcessor(PpOcrSettings settings) {
        this.settings = settings;
    }

    /**
     * A text box in probability-map pixels.
     *
     * @param rect  the grown box
     * @param score mean probability over the text region
     */
    record ScoredBox(RotatedRect rect, double score) {
    }

    /**
     * @param probabilities the detector's output, row by row
     * @param width         map width
     * @param height        map height
     * @return text boxes, in raster order of their regions
     */
    List<ScoredBox> boxes(float[] probabilities, int width, int height) {
        List<ScoredBox> boxes = new ArrayList<>();
        for (Blobs.Blob blob : Blobs.find(probabilities, width, height, settings.threshold(), settings.maxCandidates())) {
            if (blob.mean() < settings.boxThreshold()) {
                continue;
            }
            RotatedRect kernel = RotatedRect.enclosing(blob.outline());
            if (kernel.shortSide() < MIN_SIZE) {
                continue;
            }
            double distance = kernel.area() * settings.unclipRatio() / (2 * (kernel.width() + kernel.height()));
            RotatedRect box = kernel.grown(distance);
            if (box.shortSide() < MIN_SIZE + 2) {
                continue;
            }
            boxes.add(new ScoredBox(box, blob.mean()));
        }
        return boxes;
    }
}
