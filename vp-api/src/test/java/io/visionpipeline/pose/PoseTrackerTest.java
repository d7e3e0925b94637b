package io.visionpipeline.pose;

import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PoseTrackerTest {

    /** A standing person 200 px tall whose box's top-left corner is at (x, y); every keypoint seen with the given score. */
    static Pose person(double x, double y, double score) {
        double[][] offsets = {{50, 20}, {55, 15}, {45, 15}, {60, 18}, {40, 18}, {70, 50}, {30, 50}, {75, 90}, {25, 90}, {78, 120},
            {22, 120}, {62, 120}, {38, 120}, {62, 160}, {38, 160}, {62, 195}, {38, 195}};
        List<Keypoint> keypoints = new ArrayList<>();
        for (BodyPart part : BodyPart.values()) {
            double[] o = offsets[part.ordinal()];
            keypoints.add(new Keypoint(part, new Point(x + o[0], y + o[1]), score));
        }
        return new Pose(new BoundingBox(x, y, 100, 200), 0.8, keypoints, Pose.NO_TRACK);
    }

    private static List<Pose> frame(PoseTracker tracker, int index, Pose... poses) {
        return tracker.onFrame(index, Duration.ofMillis(200L * index), List.of(poses));
    }

    @Test
    void twoWalkersKeepTheirIdsAndPosesKeepTheirOrder() {
        PoseTracker tracker = new PoseTracker();
        assertThat(frame(tracker, 0, person(100, 100, 0.9), person(500, 100, 0.9))).extracting(Pose::trackId).containsExactly(1, 2);
        for (int i = 1; i < 10; i++) {
            assertThat(frame(tracker, i, person(500 - 10 * i, 100, 0.9), person(100 + 10 * i, 100, 0.9)))
                    .extracting(Pose::trackId).containsExactly(2, 1);
        }
    }

    @Test
    void aTrackSurvivesMissedFramesUpToTheLimitThenANewIdIsGiven() {
        PoseTracker tracker = new PoseTracker(PoseTracker.DEFAULT_MIN_SIMILARITY, 2);
        frame(tracker, 0, person(100, 100, 0.9));
        frame(tracker, 1);
        frame(tracker, 2);
        assertThat(frame(tracker, 3, person(105, 100, 0.9))).extracting(Pose::trackId).containsExactly(1);
        frame(tracker, 4);
        frame(tracker, 5);
        frame(tracker, 6);
        assertThat(frame(tracker, 7, person(105, 100, 0.9))).extracting(Pose::trackId).containsExactly(2);
    }

    @Test
    void aPersonFarFromEveryTrackStartsANewOne() {
        PoseTracker tracker = new PoseTracker();
        frame(tracker, 0, person(100, 100, 0.9));
        assertThat(frame(tracker, 1, person(400, 100, 0.9), person(102, 100, 0.9))).extracting(Pose::trackId).containsExactly(2, 1);
    }

    @Test
    void keypointSimilarityIsOneForTheSamePoseAndFallsWithDistanceRelativeToTheBody() {
        Pose a = person(100, 100, 0.9);
        assertThat(PoseTracker.keypointSimilarity(a, a)).isCloseTo(1, within(1e-9));
        double near = PoseTracker.keypointSimilarity(person(110, 100, 0.9), a);
        double far = PoseTracker.keypointSimilarity(person(150, 100, 0.9), a);
        assertThat(near).isGreaterThan(far).isLessThan(1);
        assertThat(PoseTracker.similarity(person(110, 100, 0.9), a)).isCloseTo((a.box().iou(person(110, 100, 0.9).box()) + near) / 2, within(1e-9));
    }

    @Test
    void withoutFourConfidentKeypointsOnlyTheBoxesCount() {
        Pose faint = person(110, 100, 0.1);
        assertThat(PoseTracker.keypointSimilarity(faint, person(100, 100, 0.9))).isNaN();
        assertThat(PoseTracker.similarity(faint, person(100, 100, 0.9))).isEqualTo(faint.box().iou(person(100, 100, 0.9).box()));
    }

    @Test
    void settingsOutOfRangeAreRejected() {
        assertThatThrownBy(() -> new PoseTracker(0, 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minSimilarity");
        assertThatThrownBy(() -> new PoseTracker(0.2, -1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxMissedFrames");
    }

    @Test
    void aPoseNeedsItsSeventeenKeypointsInOrder() {
        Pose p = person(0, 0, 0.5);
        List<Keypoint> swapped = new ArrayList<>(p.keypoints());
        swapped.set(0, p.keypoints().get(1));
        assertThatThrownBy(() -> new Pose(p.box(), 0.5, swapped, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NOSE");
        assertThatThrownBy(() -> new Pose(p.box(), 0.5, p.keypoints().subList(0, 5), 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(p.keypoint(BodyPart.LEFT_ANKLE).part()).isEqualTo(BodyPart.LEFT_ANKLE);
        assertThat(BodyPart.LEFT_SHOULDER.cocoName()).isEqualTo("left_shoulder");
    }
}
