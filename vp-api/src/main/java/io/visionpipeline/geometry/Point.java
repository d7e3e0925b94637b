package io.visionpipeline.geometry;

/**
 * A point in frame pixels (x to the right, y down, origin at the top-left corner).
 *
 * @param x horizontal position in pixels
 * @param y vertical position in pixels
 * @since 0.1
 */
public record Point(double x, double y) {

    /**
     * @param other another point
     * @return the Euclidean distance in pixels
     */
    public double distanceTo(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "(%.1f, %.1f)", x, y);
    }
}
