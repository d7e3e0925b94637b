package io.visionpipeline.ocr;

import io.visionpipeline.geometry.Polygon;

import java.util.Locale;
import java.util.Objects;

/**
 * A piece of text read in one frame: usually one line, with where it is and how sure the engine is.
 *
 * <pre>{@code
 * for (TextBlock line : frameResult.text()) {
 *     BoundingBox box = line.polygon().bounds();
 *     System.out.printf("%s at %.0f,%.0f (%.0f%%)%n", line.text(), box.x(), box.y(), 100 * line.confidence());
 * }
 * }</pre>
 *
 * @param text       the text as read, without line breaks
 * @param polygon    where the text is, in frame pixels (four corners, clockwise from the text's top-left)
 * @param confidence the engine's confidence in [0, 1]
 * @since 0.1
 */
public record TextBlock(String text, Polygon polygon, double confidence) {

    /** Validates the fields. */
    public TextBlock {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(polygon, "polygon");
        if (!(confidence >= 0 && confidence <= 1)) {
            throw new IllegalArgumentException("confidence must be in [0, 1]: " + confidence);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "TextBlock[\"%s\" %.2f at %s]", text, confidence, polygon.bounds());
    }
}
