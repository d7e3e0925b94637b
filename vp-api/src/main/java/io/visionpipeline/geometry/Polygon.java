package io.visionpipeline.geometry;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A closed polygon in frame pixels, its corners in order (text boxes: clockwise from the top-left
 * corner of the text, so a rotated line keeps its reading direction).
 *
 * <pre>{@code
 * Polygon line = Polygon.of(10, 20,  210, 30,  208, 62,  8, 52);  // a line rotated by about 3°
 * BoundingBox box = line.bounds();                                // [x=8.0 y=20.0 w=202.0 h=42.0]
 * }</pre>
 *
 * @param points the corners, at least three
 * @since 0.1
 */
public record Polygon(List<Point> points) {

    /** Validates and copies the corners. */
    public Polygon {
        points = List.copyOf(Objects.requireNonNull(points, "points"));
        if (points.size() < 3) {
            throw new IllegalArgumentException("a polygon needs at least 3 points, got " + points.size());
        }
    }

    /**
     * @param xy the corners' coordinates, interleaved: {@code x0, y0, x1, y1, …}
     * @return the polygon
     * @throws IllegalArgumentException for an odd count or fewer than three points
     */
    public static Polygon of(double... xy) {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("expected x/y pairs, got " + xy.length + " values");
        }
        Point[] points = new Point[xy.length / 2];
        for (int i = 0; i < points.length; i++) {
            points[i] = new Point(xy[2 * i], xy[2 * i + 1]);
        }
        return new Polygon(List.of(points));
    }

    /**
     * @param box an axis-aligned box
     * @return its four corners, clockwise from the top-left
     */
    public static Polygon of(BoundingBox box) {
        return of(box.x(), box.y(), box.maxX(), box.y(), box.maxX(), box.maxY(), box.x(), box.maxY());
    }

    /** @return the smallest axis-aligned box holding every corner */
    public BoundingBox bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Point p : points) {
            minX = Math.min(minX, p.x());
            minY = Math.min(minY, p.y());
            maxX = Math.max(maxX, p.x());
            maxY = Math.max(maxY, p.y());
        }
        return BoundingBox.ofCorners(minX, minY, maxX, maxY);
    }

    /** @return the enclosed area in square pixels (shoelace formula; corners in either order) */
    public double area() {
        double twice = 0;
        for (int i = 0; i < points.size(); i++) {
            Point a = points.get(i);
            Point b = points.get((i + 1) % points.size());
            twice += a.x() * b.y() - b.x() * a.y();
        }
        return Math.abs(twice) / 2;
    }

    /**
     * @param p a point
     * @return whether it lies inside the polygon or on its border (even-odd rule)
     */
    public boolean contains(Point p) {
        boolean inside = false;
        for (int i = 0, j = points.size() - 1; i < points.size(); j = i++) {
            Point a = points.get(i);
            Point b = points.get(j);
            if (onSegment(a, b, p)) {
                return true;
            }
            if ((a.y() > p.y()) != (b.y() > p.y()) && p.x() < (b.x() - a.x()) * (p.y() - a.y()) / (b.y() - a.y()) + a.x()) {
                inside = !inside;
            }
        }
        return inside;
    }

    private static boolean onSegment(Point a, Point b, Point p) {
        double cross = (b.x() - a.x()) * (p.y() - a.y()) - (b.y() - a.y()) * (p.x() - a.x());
        return Math.abs(cross) <= 1e-9 * Math.max(1, a.distanceTo(b))
                && p.x() >= Math.min(a.x(), b.x()) && p.x() <= Math.max(a.x(), b.x())
                && p.y() >= Math.min(a.y(), b.y()) && p.y() <= Math.max(a.y(), b.y());
    }

    @Override
    public String toString() {
        return points.stream().map(Point::toString).collect(Collectors.joining(" ", "[", "]"));
    }
}
