package io.visionpipeline.core.vision;

import io.visionpipeline.geometry.Point;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * A rectangle at any angle: centre, size and the direction of its width. {@link #enclosing} finds
 * the smallest one around a set of points (convex hull, then one candidate per hull edge: the
 * rotating-calipers result, as OpenCV's {@code minAreaRect}).
 *
 * <pre>{@code
 * RotatedRect r = RotatedRect.enclosing(xy);          // around a blob's outline
 * Point[] box = r.grown(3).corners();                 // 3 px bigger on every side; tl, tr, br, bl
 * }</pre>
 *
 * @param centerX centre x
 * @param centerY centre y
 * @param width   extent along the direction {@code angle}, not negative
 * @param height  extent across it, not negative
 * @param angle   direction of the width in radians, from the x axis towards the y axis
 */
public record RotatedRect(double centerX, double centerY, double width, double height, double angle) {

    /** Validates the size. */
    public RotatedRect {
        if (!(width >= 0 && height >= 0)) {
            throw new IllegalArgumentException("size must not be negative: " + width + "x" + height);
        }
    }

    /**
     * @param xy points, interleaved {@code x0, y0, x1, y1, …}; at least one
     * @return the rectangle of least area holding all of them (zero-sized for a single point)
     */
    public static RotatedRect enclosing(double[] xy) {
        if (xy.length < 2 || xy.length % 2 != 0) {
            throw new IllegalArgumentException("expected at least one x/y pair, got " + xy.length + " values");
        }
        double[] hull = convexHull(xy);
        int n = hull.length / 2;
        RotatedRect best = new RotatedRect(hull[0], hull[1], 0, 0, 0);
        double bestArea = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            int j = (i + 1) % n;
            double ex = hull[2 * j] - hull[2 * i];
            double ey = hull[2 * j + 1] - hull[2 * i + 1];
            double len = Math.hypot(ex, ey);
            if (len == 0) {
                continue;
            }
            ex /= len;
            ey /= len;
            double minU = Double.POSITIVE_INFINITY;
            double maxU = Double.NEGATIVE_INFINITY;
            double minV = Double.POSITIVE_INFINITY;
            double maxV = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < n; k++) {
                double u = hull[2 * k] * ex + hull[2 * k + 1] * ey;
                double v = -hull[2 * k] * ey + hull[2 * k + 1] * ex;
                minU = Math.min(minU, u);
                maxU = Math.max(maxU, u);
                minV = Math.min(minV, v);
                maxV = Math.max(maxV, v);
            }
            double area = (maxU - minU) * (maxV - minV);
            if (area < bestArea - 1e-9) {
                bestArea = area;
                double cu = (minU + maxU) / 2;
                double cv = (minV + maxV) / 2;
                best = new RotatedRect(cu * ex - cv * ey, cu * ey + cv * ex, maxU - minU, maxV - minV, Math.atan2(ey, ex));
            }
        }
        return best;
    }

    /** @return the shorter side */
    public double shortSide() {
        return Math.min(width, height);
    }

    /** @return the area */
    public double area() {
        return width * height;
    }

    /**
     * @param distance how far to move every side outward (negative moves inward, never below zero size)
     * @return the rectangle with the same centre and angle, {@code 2 × distance} wider and higher
     */
    public RotatedRect grown(double distance) {
        return new RotatedRect(centerX, centerY, Math.max(0, width + 2 * distance), Math.max(0, height + 2 * distance), angle);
    }

    /**
     * @return the four corners in the order PaddleOCR's DBNet post-processing gives them (its
     *         {@code get_mini_boxes}): of the two leftmost corners the upper is first and the lower
     *         last; of the two rightmost the upper is second and the lower third. For a line of
     *         text rotated by less than 45° that is top-left, top-right, bottom-right, bottom-left.
     */
    public Point[] corners() {
        double cos = Math.cos(angle);
        double sin = Math.sin(angle);
        double hw = width / 2;
        double hh = height / 2;
        Point[] p = new Point[4];
        int i = 0;
        for (double[] s : new double[][] {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}}) {
            double u = s[0] * hw;
            double v = s[1] * hh;
            p[i++] = new Point(centerX + u * cos - v * sin, centerY + u * sin + v * cos);
        }
        Arrays.sort(p, Comparator.comparingDouble(Point::x));
        Point topLeft = p[0].y() <= p[1].y() ? p[0] : p[1];
        Point bottomLeft = topLeft == p[0] ? p[1] : p[0];
        Point topRight = p[2].y() <= p[3].y() ? p[2] : p[3];
        Point bottomRight = topRight == p[2] ? p[3] : p[2];
        return new Point[] {topLeft, topRight, bottomRight, bottomLeft};
    }

    /**
     * Andrew's monotone chain.
     *
     * @param xy points, interleaved
     * @return the hull's vertices, counter-clockwise (in y-up terms), interleaved; duplicates and
     *         collinear points dropped
     */
    static double[] convexHull(double[] xy) {
        int n = xy.length / 2;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> xy[2 * i]).thenComparingDouble(i -> xy[2 * i + 1]));
        if (n == 1) {
            return xy.clone();
        }
        int[] hull = new int[2 * n];
        int k = 0;
        for (int o = 0; o < n; o++) {
            while (k >= 2 && cross(xy, hull[k - 2], hull[k - 1], order[o]) <= 0) {
                k--;
            }
            hull[k++] = order[o];
        }
        for (int o = n - 2, lower = k + 1; o >= 0; o--) {
            while (k >= lower && cross(xy, hull[k - 2], hull[k - 1], order[o]) <= 0) {
                k--;
            }
            hull[k++] = order[o];
        }
        k--;
        double[] out = new double[2 * k];
        for (int i = 0; i < k; i++) {
            out[2 * i] = xy[2 * hull[i]];
            out[2 * i + 1] = xy[2 * hull[i] + 1];
        }
        return out;
    }

    private static double cross(double[] xy, int o, int a, int b) {
        return (xy[2 * a] - xy[2 * o]) * (xy[2 * b + 1] - xy[2 * o + 1]) - (xy[2 * a + 1] - xy[2 * o + 1]) * (xy[2 * b] - xy[2 * o]);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "RotatedRect[(%.1f, %.1f) %.1fx%.1f at %.1f°]", centerX, centerY, width, height,
                Math.toDegrees(angle));
    }
}
