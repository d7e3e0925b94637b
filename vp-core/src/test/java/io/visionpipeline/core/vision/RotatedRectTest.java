package io.visionpipeline.core.vision;

import io.visionpipeline.geometry.Point;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RotatedRectTest {

    /** The corners of a w×h rectangle centred at (cx, cy) and turned by degrees, plus points inside it. */
    private static double[] filledRectangle(double cx, double cy, double w, double h, double degrees) {
        double a = Math.toRadians(degrees);
        double[] xy = new double[2 * 11 * 11];
        int i = 0;
        for (int u = 0; u <= 10; u++) {
            for (int v = 0; v <= 10; v++) {
                double x = (u / 10.0 - 0.5) * w;
                double y = (v / 10.0 - 0.5) * h;
                xy[i++] = cx + x * Math.cos(a) - y * Math.sin(a);
                xy[i++] = cy + x * Math.sin(a) + y * Math.cos(a);
            }
        }
        return xy;
    }

    @Test
    void findsTheSizeAndAngleOfATurnedRectangleFromPointsInsideIt() {
        RotatedRect r = RotatedRect.enclosing(filledRectangle(200, 100, 120, 30, 8));
        assertThat(Math.max(r.width(), r.height())).isCloseTo(120, within(1e-6));
        assertThat(r.shortSide()).isCloseTo(30, within(1e-6));
        assertThat(r.centerX()).isCloseTo(200, within(1e-6));
        assertThat(r.centerY()).isCloseTo(100, within(1e-6));
        assertThat(r.area()).isCloseTo(3600, within(1e-6));
    }

    @Test
    void cornersOfALineOfTextComeTopLeftTopRightBottomRightBottomLeft() {
        Point[] c = RotatedRect.enclosing(filledRectangle(200, 100, 120, 30, -5)).corners();
        assertThat(c[0].x()).isLessThan(c[1].x());
        assertThat(c[3].x()).isLessThan(c[2].x());
        assertThat(c[0].y()).isLessThan(c[3].y());
        assertThat(c[1].y()).isLessThan(c[2].y());
        assertThat(c[0].distanceTo(c[1])).isCloseTo(120, within(1e-6));
        assertThat(c[1].y()).isLessThan(c[0].y()); // turned by -5°: the right end is higher
    }

    @Test
    void growingMovesEverySideOutward() {
        RotatedRect r = new RotatedRect(10, 10, 40, 8, 0.3).grown(2.5);
        assertThat(r.width()).isEqualTo(45);
        assertThat(r.height()).isEqualTo(13);
        assertThat(new RotatedRect(0, 0, 4, 2, 0).grown(-3).shortSide()).isZero();
    }

    @Test
    void degeneratePointSetsGiveEmptyOrFlatRectangles() {
        assertThat(RotatedRect.enclosing(new double[] {3, 4}).area()).isZero();
        assertThat(RotatedRect.enclosing(new double[] {3, 4, 3, 4, 3, 4}).area()).isZero();
        RotatedRect line = RotatedRect.enclosing(new double[] {0, 0, 5, 5, 10, 10});
        assertThat(line.shortSide()).isCloseTo(0, within(1e-9));
        assertThat(Math.max(line.width(), line.height())).isCloseTo(Math.hypot(10, 10), within(1e-9));
    }
}
