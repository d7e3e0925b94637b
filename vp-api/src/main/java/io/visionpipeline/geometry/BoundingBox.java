package io.visionpipeline.geometry;

import java.util.Locale;

/**
 * An axis-aligned box in frame pixels.
 *
 * @param x      left edge
 * @param y      top edge
 * @param width  width, not negative
 * @param height height, not negative
 * @since 0.1
 */
public record BoundingBox(double x, double y, double width, double height) {

    /** Validates the size. */
    public BoundingBox {
        if (width < 0 || height < 0 || Double.isNaN(width) || Double.isNaN(height)) {
            throw new IllegalArgumentException("box size must not be negative: " + width + "x" + height);
        }
    }

    /**
     * @param x1 left
     * @param y1 top
     * @param x2 right
     * @param y2 bottom
     * @return the box between the two corners (empty when they are swapped)
     */
    public static BoundingBox ofCorners(double x1, double y1, double x2, double y2) {
        return new BoundingBox(x1, y1, Math.max(0, x2 - x1), Math.max(0, y2 - y1));
    }

    /** @return right edge */
    public double maxX() {
        return x + width;
    }

    /** @return bottom edge */
    public double maxY() {
        return y + height;
    }

    /** @return width × height */
    public double area() {
        return width * height;
    }

    /** @return the centre point */
    public Point center() {
        return new Point(x + width / 2, y + height / 2);
    }

    /**
     * @param other another box
     * @return intersection over union, 0 when they do not overlap
     */
    public double iou(BoundingBox other) {
        double ix = Math.max(0, Math.min(maxX(), other.maxX()) - Math.max(x, other.x));
        double iy = Math.max(0, Math.min(maxY(), other.maxY()) - Math.max(y, other.y));
        double inter = ix * iy;
        double union = area() + other.area() - inter;
        return union <= 0 ? 0 : inter / union;
    }

    /**
     * @param frameWidth  frame width
     * @param frameHeight frame height
     * @return this box cut to the frame
     */
    public BoundingBox clip(int frameWidth, int frameHeight) {
        return ofCorners(Math.max(0, x), Math.max(0, y), Math.min(frameWidth, maxX()), Math.min(frameHeight, maxY()));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[x=%.1f y=%.1f w=%.1f h=%.1f]", x, y, width, height);
    }
}
