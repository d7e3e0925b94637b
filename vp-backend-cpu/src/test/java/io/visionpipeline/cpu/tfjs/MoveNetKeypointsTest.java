package io.visionpipeline.cpu.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestVideos;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The converted MoveNet Lightning finds a person's nose, shoulders and hips where a person sees
 * them. A minimal harness (the pose stage is a later issue): the image letterboxed into the 192×192
 * input, keypoints {@code (y, x, score)} in [0, 1] of the input mapped back to image pixels.
 */
class MoveNetKeypointsTest {
    private static final Logger LOG = LoggerFactory.getLogger(MoveNetKeypointsTest.class);
    /** MoveNet's keypoint order (COCO); left and right are the person's own. */
    private static final Map<String, Integer> KEYPOINTS = Map.of(
            "nose", 0, "left shoulder", 5, "right shoulder", 6, "left hip", 11, "right hip", 12);
    /** Allowed distance from the hand-marked position, as a fraction of the image diagonal. */
    private static final double TOLERANCE = 0.05;

    private static OnnxModel movenet;

    @BeforeAll
    static void load() {
        TfjsModel model = TfjsModel.MOVENET_LIGHTNING;
        movenet = OnnxModel.load(model.id, ModelStore.defaults().file(model.id, model.onnxFile()), OnnxModel.Options.DEFAULT);
    }

    @AfterAll
    static void close() {
        movenet.close();
    }

    /**
     * Positions marked by hand on a 10 px grid (original pixels).
     * <ul>
     *   <li>messi5.jpg (548×342, diagonal 646 px: 32 px of tolerance): the player faces the
     *       camera, leaning; his right side is on the image's left.</li>
     *   <li>astronaut.png (512×512, diagonal 724 px: 36 px): a portrait cut at the waist. Her hips
     *       are below the picture (by body proportions about 2.8 nose-to-shoulder heights below the
     *       shoulders, y ≈ 640), so they have no position in it to mark; see the next test.</li>
     * </ul>
     */
    static Stream<Arguments> markedByHand() {
        return Stream.of(
                Arguments.of("messi5.jpg", points("nose", 246, 119, "left shoulder", 286, 127, "right shoulder", 194, 122,
                        "left hip", 287, 222, "right hip", 241, 239)),
                Arguments.of("astronaut.png", points("nose", 226, 126, "left shoulder", 325, 265, "right shoulder", 88, 260)));
    }

    @ParameterizedTest
    @MethodSource("markedByHand")
    void findsKeypointsWhereMarkedByHand(String image, Map<String, Point> marked) {
        ImageFrame frame = TestVideos.load(TfjsModel.image(image));
        Map<String, Keypoint> found = keypoints(frame);
        double diagonal = Math.hypot(frame.width(), frame.height());
        SoftAssertions softly = new SoftAssertions();
        marked.forEach((name, expected) -> {
            Keypoint k = found.get(name);
            double error = k.at().distanceTo(expected) / diagonal;
            LOG.info("{} {}: found ({}, {}) score {}, marked ({}, {}): {} % of the diagonal", image, name,
                    Math.round(k.at().x()), Math.round(k.at().y()), k.score(), expected.x(), expected.y(), Math.round(error * 1000) / 10.0);
            softly.assertThat(error).as("%s %s at %s, marked at %s", image, name, k.at(), expected).isLessThanOrEqualTo(TOLERANCE);
        });
        softly.assertAll();
    }

    @Test
    void theAstronautsHipsBelowThePictureAreItsLeastCertainKeypointsAtTheLowerEdge() {
        ImageFrame frame = TestVideos.load(TfjsModel.image("astronaut.png"));
        Map<String, Keypoint> found = keypoints(frame);
        List<Keypoint> hips = List.of(found.get("left hip"), found.get("right hip"));
        LOG.info("astronaut.png hips (outside the picture): {}", hips);
        float leastCertainVisible = Stream.of("nose", "left shoulder", "right shoulder")
                .map(found::get).map(Keypoint::score).min(Float::compare).orElseThrow();
        assertThat(hips).allSatisfy(hip -> {
            assertThat(hip.score()).isLessThan(leastCertainVisible);
            assertThat(hip.at().y()).isGreaterThan(0.9 * frame.height());
        });
    }

    /** @return the checked keypoints in image pixels */
    private static Map<String, Keypoint> keypoints(ImageFrame frame) {
        TfjsModel.Input input = TfjsModel.MOVENET_LIGHTNING.input(frame);
        float[] out;
        try (OnnxTensor tensor = movenet.tensor(input.ints(), input.shape());
             OrtSession.Result result = movenet.run(Map.of("input", tensor))) {
            out = movenet.floats(result, "Identity");
        }
        int size = TfjsModel.MOVENET_LIGHTNING.size;
        Map<String, Keypoint> keypoints = new LinkedHashMap<>();
        KEYPOINTS.forEach((name, k) -> keypoints.put(name, new Keypoint(
                new Point(input.box().toSourceX(out[3 * k + 1] * size), input.box().toSourceY(out[3 * k] * size)), out[3 * k + 2])));
        return keypoints;
    }

    private static Map<String, Point> points(Object... nameXy) {
        Map<String, Point> p = new LinkedHashMap<>();
        for (int i = 0; i < nameXy.length; i += 3) {
            p.put((String) nameXy[i], new Point(((Number) nameXy[i + 1]).doubleValue(), ((Number) nameXy[i + 2]).doubleValue()));
        }
        return p;
    }

    private record Keypoint(Point at, float score) {
    }
}
