package io.visionpipeline.geometry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PolygonTest {

    @Test
    void aTurnedLineHasItsBoundsAreaAndInside() {
        Polygon line = Polygon.of(10, 20, 210, 30, 208, 62, 8, 52);
        assertThat(line.bounds()).isEqualTo(BoundingBox.ofCorners(8, 20, 210, 62));
        assertThat(line.area()).isCloseTo(6420, within(1e-6));
        assertThat(line.contains(new Point(100, 40))).isTrue();
        assertThat(line.contains(new Point(10, 20))).isTrue();
        assertThat(line.contains(new Point(209, 21))).isFalse();
        assertThat(line.toString()).isEqualTo("[(10.0, 20.0) (210.0, 30.0) (208.0, 62.0) (8.0, 52.0)]");
    }

    @Test
    void aBoxBecomesItsCornersClockwiseFromTheTopLeft() {
        assertThat(Polygon.of(new BoundingBox(1, 2, 3, 4)).points())
                .containsExactly(new Point(1, 2), new Point(4, 2), new Point(4, 6), new Point(1, 6));
    }

    @Test
    void needsThreePointsAndPairedCoordinates() {
        assertThatThrownBy(() -> Polygon.of(1, 2, 3, 4)).hasMessageContaining("at least 3 points");
        assertThatThrownBy(() -> Polygon.of(1, 2, 3)).hasMessageContaining("x/y pairs");
    }
}
