package io.visionpipeline.cpu.pose;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.pose.BodyPart;
import io.visionpipeline.pose.Keypoint;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * MoveNet on opencv-doc's messi5.jpg (548×342: one footballer, running, seen from the front),
 * with each of the three models: one person, standing the right way up, every confident keypoint
 * inside the person's box, keypoints where a person marks them, in frames of any aspect ratio.
 */
class MoveNetEstimatorTest {
    private static final Logger LOG = LoggerFactory.getLogger(MoveNetEstimatorTest.class);
    /** The keypoint score above which a keypoint counts as seen. */
    private static final double CONFIDENT = 0.3;

    private static final Map<MoveNetModel, MoveNetEstimator> ESTIMATORS = new EnumMap<>(MoveNetModel.class);
    private static ImageFrame messi;

    @BeforeAll
    static void load() {
        messi = TestVideos.load(TestMedia.opencv("messi5.jpg"));
        for (MoveNetModel model : MoveNetModel.values()) {
            ESTIMATORS.put(model, MoveNetEstimator.open(model, ModelStore.defaults(), model.isMultiPose() ? 6 : 1,
                    MoveNetEstimator.DEFAULT_MIN_POSE_SCORE, 256, OnnxModel.Options.DEFAULT));
        }
    }

    @AfterAll
    static void close() {
        ESTIMATORS.values().forEach(MoveNetEstimator::close);
    }

    @ParameterizedTest
    @EnumSource(MoveNetModel.class)
    void messiIsOnePersonWithNoseAboveShouldersAboveHipsAboveAnkles(MoveNetModel model) {
        List<Pose> poses = ESTIMATORS.get(model).process(messi);
        LOG.info("{} on messi5.jpg: {} {}", model, poses, poses.isEmpty() ? "" : poses.get(0).keypoints());
        assertThat(poses).hasSize(1);
        Pose pose = poses.get(0);
        double nose = pose.keypoint(BodyPart.NOSE).point().y();
        double shoulders = meanY(pose, BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER);
        double hips = meanY(pose, BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP);
        double ankles = meanY(pose, BodyPart.LEFT_ANKLE, BodyPart.RIGHT_ANKLE);
        assertThat(nose).isLessThan(shoulders);
        assertThat(shoulders).isLessThan(hips);
        assertThat(hips).isLessThan(ankles);
        assertThat(pose.keypoint(BodyPart.NOSE).score()).isGreaterThanOrEqualTo(CONFIDENT);
        assertThat(pose.score()).isGreaterThanOrEqualTo(MoveNetEstimator.DEFAULT_MIN_POSE_SCORE);
        List<Keypoint> confident = pose.keypoints().stream().filter(k -> k.score() >= CONFIDENT).toList();
        assertThat(confident).hasSizeGreaterThanOrEqualTo(12).allSatisfy(k -> assertThat(inside(pose.box(), k.point()))
                .as("%s inside %s", k, pose.box()).isTrue());
        assertThat(pose.trackId()).isEqualTo(Pose.NO_TRACK);
    }

    /**
     * Where a person marks messi5.jpg's nose, shoulders and hips (on a 10 px grid, as
     * {@code MoveNetKeypointsTest} marked them): each model must find them within 5 % of the
     * picture's diagonal (32 px) in the picture itself and in the picture padded with black, off
     * centre, into a 3:1 and a 1:3 frame — keypoints come back in the frame's own pixels whatever
     * its aspect ratio and wherever the person stands in it.
     */
    @ParameterizedTest
    @EnumSource(MoveNetModel.class)
    void keypointsLandWhereAPersonMarksThemWhateverTheAspectRatio(MoveNetModel model) {
        Map<BodyPart, Point> marked = Map.of(BodyPart.NOSE, new Point(246, 119), BodyPart.LEFT_SHOULDER, new Point(286, 127),
                BodyPart.RIGHT_SHOULDER, new Point(194, 122), BodyPart.LEFT_HIP, new Point(287, 222), BodyPart.RIGHT_HIP, new Point(241, 239));
        double tolerance = 0.05 * Math.hypot(messi.width(), messi.height());
        SoftAssertions softly = new SoftAssertions();
        for (int[] canvas : new int[][] {{548, 342, 0, 0}, {1100, 366, 500, 12}, {560, 1100, 6, 700}}) {
            ImageFrame padded = pad(messi, canvas[0], canvas[1], canvas[2], canvas[3]);
            List<Pose> poses = ESTIMATORS.get(model).process(padded);
            softly.assertThat(poses).as("%s in %dx%d", model, canvas[0], canvas[1]).hasSize(1);
            if (poses.isEmpty()) {
                continue;
            }
            double worst = 0;
            for (Map.Entry<BodyPart, Point> mark : marked.entrySet()) {
                Point found = poses.get(0).keypoint(mark.getKey()).point();
                double error = found.distanceTo(new Point(mark.getValue().x() + canvas[2], mark.getValue().y() + canvas[3]));
                worst = Math.max(worst, error);
                softly.assertThat(error).as("%s %s in %dx%d at %s", model, mark.getKey(), canvas[0], canvas[1], found)
                        .isLessThanOrEqualTo(tolerance);
            }
            LOG.info("{}: messi5 in a {}x{} frame: farthest of 5 keypoints {} px from the mark (allowed {})", model, canvas[0], canvas[1],
                    Math.round(worst * 10) / 10.0, Math.round(tolerance));
        }
        softly.assertAll();
    }

    @Test
    void aSinglePoseModelWithSeveralPeopleRefinesEachPersonMultiPoseFinds() {
        try (MoveNetEstimator thunder = MoveNetEstimator.open(MoveNetModel.THUNDER, ModelStore.defaults(), 6,
                MoveNetEstimator.DEFAULT_MIN_POSE_SCORE, 256, OnnxModel.Options.DEFAULT)) {
            assertThat(thunder.modelName()).isEqualTo("movenet-thunder (256x256) on movenet-multipose (256 px) people");
            Pose multi = ESTIMATORS.get(MoveNetModel.MULTIPOSE).process(messi).get(0);
            List<Pose> refined = thunder.process(messi);
            assertThat(refined).hasSize(1);
            assertThat(refined.get(0).box()).isEqualTo(multi.box());
            assertThat(refined.get(0).keypoints()).isNotEqualTo(multi.keypoints());
            assertThat(refined.get(0).keypoint(BodyPart.LEFT_HIP).point().distanceTo(multi.keypoint(BodyPart.LEFT_HIP).point())).isLessThan(15);
        }
    }

    @Test
    void optionsOutOfRangeFailNamingTheOption() {
        assertThatThrownBy(() -> MoveNetEstimator.open(MoveNetModel.MULTIPOSE, ModelStore.defaults(), 7, 0.25, 256, OnnxModel.Options.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'maxPeople'");
        assertThatThrownBy(() -> MoveNetEstimator.open(MoveNetModel.MULTIPOSE, ModelStore.defaults(), 6, 0.25, 300, OnnxModel.Options.DEFAULT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'inputSize'").hasMessageContaining("multiple of 32");
        assertThatThrownBy(() -> MoveNetModel.fromOption("blazepose")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("multipose, lightning or thunder");
    }

    private static double meanY(Pose pose, BodyPart a, BodyPart b) {
        return (pose.keypoint(a).point().y() + pose.keypoint(b).point().y()) / 2;
    }

    private static boolean inside(BoundingBox box, Point p) {
        return p.x() >= box.x() && p.x() <= box.maxX() && p.y() >= box.y() && p.y() <= box.maxY();
    }

    /** @return the frame on a black canvas, its top-left corner at (x, y) */
    static ImageFrame pad(ImageFrame frame, int width, int height, int x, int y) {
        byte[] rgb = new byte[width * height * 3];
        for (int row = 0; row < frame.height(); row++) {
            System.arraycopy(frame.rgb(), row * frame.width() * 3, rgb, ((y + row) * width + x) * 3, frame.width() * 3);
        }
        return ImageFrame.ofRgb(width, height, rgb);
    }
}
