package io.visionpipeline.cpu.face;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BlazeFaceDetectorTest {
    /**
     * The astronaut's face measured by hand on skimage's astronaut.png (512×512) with a 10 px grid:
     * cheek to cheek x = 183…265, hairline to chin y = 82…178.
     */
    static final BoundingBox ASTRONAUT_FACE = BoundingBox.ofCorners(183, 82, 265, 178);

    private static BlazeFaceDetector shortRange;
    private static BlazeFaceDetector fullRange;

    @BeforeAll
    static void openModels() {
        shortRange = open(BlazeFaceModel.SHORT);
        fullRange = open(BlazeFaceModel.FULL);
    }

    private static BlazeFaceDetector open(BlazeFaceModel model) {
        return BlazeFaceDetector.open(model, ModelStore.defaults(), BlazeFaceProvider.DEFAULT_THRESHOLD,
                BlazeFaceProvider.DEFAULT_NMS_IOU, OnnxModel.Options.DEFAULT);
    }

    @AfterAll
    static void closeModels() {
        shortRange.close();
        fullRange.close();
    }

    private static BlazeFaceDetector detector(BlazeFaceModel model) {
        return model == BlazeFaceModel.SHORT ? shortRange : fullRange;
    }

    @ParameterizedTest
    @EnumSource(BlazeFaceModel.class)
    void findsExactlyTheAstronautsFaceWithItsLandmarks(BlazeFaceModel model) {
        List<Face> faces = detector(model).process(TestVideos.load(TestMedia.skimage("astronaut.png")));
        assertThat(faces).hasSize(1);
        Face face = faces.get(0);
        assertThat(face.box().iou(ASTRONAUT_FACE)).isGreaterThanOrEqualTo(0.5);
        assertThat(face.score()).isGreaterThan(0.75);
        // eye centres measured by hand: the person's right eye at (203, 102), left eye at (247, 102)
        assertThat(face.landmarks().rightEye().distanceTo(new io.visionpipeline.geometry.Point(203, 102))).isLessThan(10);
        assertThat(face.landmarks().leftEye().distanceTo(new io.visionpipeline.geometry.Point(247, 102))).isLessThan(10);
        assertThat(face.landmarks().noseTip().y()).isBetween(face.landmarks().leftEye().y(), face.landmarks().mouth().y());
    }

    @ParameterizedTest
    @ValueSource(strings = {"coffee.png", "chelsea.png"})
    void theDefaultModelFindsNoFaceWhereThereIsNone(String image) {
        assertThat(shortRange.process(TestVideos.load(TestMedia.skimage(image)))).isEmpty();
    }

    @Test
    void theFullRangeModelIgnoresACoffeeCup() {
        // (it does answer a cat's face: chelsea.png scores 0.78; see docs/models.md)
        assertThat(fullRange.process(TestVideos.load(TestMedia.skimage("coffee.png")))).isEmpty();
    }

    @Test
    void theFullRangeModelFindsTheSmallFaceInMessi5() {
        ImageFrame messi = TestVideos.load(TestMedia.opencv("messi5.jpg"));
        assertThat(fullRange.process(messi)).singleElement().satisfies(f -> {
            // messi5.jpg (548×342): his face measured by hand on a 10 px grid at x = 222…256, y = 92…130
            assertThat(f.box().iou(BoundingBox.ofCorners(222, 92, 256, 130))).isGreaterThan(0.4);
        });
    }

    @Test
    void mapsBoxesBackCorrectlyForWideAndTallFrames() {
        ImageFrame astronaut = TestVideos.load(TestMedia.skimage("astronaut.png"));
        ImageFrame wide = paste(astronaut, 1400, 600, 700, 40);
        ImageFrame tall = paste(astronaut, 560, 1300, 20, 650);
        BoundingBox inWide = shift(ASTRONAUT_FACE, 700, 40);
        BoundingBox inTall = shift(ASTRONAUT_FACE, 20, 650);
        assertThat(fullRange.process(wide)).singleElement().satisfies(f -> assertThat(f.box().iou(inWide)).isGreaterThan(0.5));
        assertThat(fullRange.process(tall)).singleElement().satisfies(f -> assertThat(f.box().iou(inTall)).isGreaterThan(0.5));
    }

    @Test
    void isSafeToShareAcrossThreads() throws Exception {
        ImageFrame astronaut = TestVideos.load(TestMedia.skimage("astronaut.png"));
        Face expected = shortRange.process(astronaut).get(0);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Face>>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                results.add(pool.submit(() -> shortRange.process(astronaut)));
            }
            for (Future<List<Face>> r : results) {
                assertThat(r.get()).singleElement().satisfies(f -> {
                    assertThat(f.box().x()).isCloseTo(expected.box().x(), within(1e-3));
                    assertThat(f.score()).isCloseTo(expected.score(), within(1e-5));
                });
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void processesABatchFrameByFrameInOrder() {
        ImageFrame face = TestVideos.load(TestMedia.skimage("astronaut.png"));
        ImageFrame none = TestVideos.load(TestMedia.skimage("coffee.png"));
        assertThat(shortRange.process(List.of(face, none, face))).extracting(List::size).containsExactly(1, 0, 1);
    }

    static ImageFrame paste(ImageFrame src, int width, int height, int atX, int atY) {
        byte[] rgb = new byte[width * height * 3];
        java.util.Arrays.fill(rgb, (byte) 90);
        for (int y = 0; y < src.height(); y++) {
            System.arraycopy(src.rgb(), y * src.width() * 3, rgb, ((y + atY) * width + atX) * 3, src.width() * 3);
        }
        return new ImageFrame(width, height, rgb, 0, Duration.ZERO);
    }

    static BoundingBox shift(BoundingBox b, double dx, double dy) {
        return new BoundingBox(b.x() + dx, b.y() + dy, b.width(), b.height());
    }

    @Test
    void bothRangesFindTheSmallFaceTheShortRangeMissesAndMergeTheCloseOne() {
        ImageFrame messi = TestVideos.load(TestMedia.opencv("messi5.jpg"));
        ImageFrame astronaut = TestVideos.load(TestMedia.skimage("astronaut.png"));
        try (BlazeFaceDetector both = BlazeFaceDetector.open(BlazeFaceModel.ranges("both"), ModelStore.defaults(),
                BlazeFaceProvider.DEFAULT_THRESHOLD, BlazeFaceProvider.DEFAULT_NMS_IOU, OnnxModel.Options.DEFAULT, null)) {
            assertThat(shortRange.process(messi)).isEmpty();
            assertThat(both.process(messi)).hasSize(1).hasSameSizeAs(fullRange.process(messi));
            assertThat(both.process(astronaut)).singleElement()
                    .satisfies(f -> assertThat(f.box().iou(ASTRONAUT_FACE)).isGreaterThan(0.6));
            assertThat(both.modelName()).isEqualTo("blazeface-short (128x128) + blazeface-full (256x256)");
        }
    }
}
