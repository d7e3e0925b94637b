package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.ocr.TextImages;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PpOcrRecognizerTest {
    private static PpOcrRecognizer ocr;

    @BeforeAll
    static void open() {
        ocr = PpOcrRecognizer.open(ModelStore.defaults(), PpOcrSettings.DEFAULT);
    }

    @AfterAll
    static void close() {
        ocr.close();
    }

    private static Set<String> words(List<TextBlock> blocks) {
        return blocks.stream().flatMap(b -> Arrays.stream(b.text().toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")))
                .filter(w -> !w.isEmpty()).collect(Collectors.toSet());
    }

    /** The large words of opencv-doc's scene text photographs: signs, shop fronts, a generator. */
    @ParameterizedTest
    @CsvSource({
            "scenetext01.jpg, notice double parking prohibited",
            "scenetext02.jpg, sports centre conference car parks",
            "scenetext03.jpg, copy centre",
            "scenetext04.jpg, gm 125",
            "scenetext05.jpg, no parking",
            "scenetext06.jpg, priory galleries ship"})
    void findsTheLargeWordsOfSceneTextPhotographs(String image, String expected) {
        List<TextBlock> blocks = ocr.process(TestVideos.load(TestMedia.opencvText(image)));
        assertThat(words(blocks)).as(blocks.toString()).containsAll(List.of(expected.split(" ")));
    }

    /** Chinese from the key file's 6623 characters, with no spaces written between ideographs. */
    @Test
    void readsChineseWithoutSpacesBetweenIdeographs() {
        for (String text : List.of("欢迎来到北京", "营业时间每天上午九点")) {
            ImageFrame frame = TextImages.frame(TextImages.line("WenQuanYi Micro Hei", java.awt.Font.PLAIN, 900, 200, text, 48,
                    Color.BLACK, Color.WHITE));
            assertThat(ocr.process(frame)).extracting(TextBlock::text).containsExactly(text);
        }
    }

    @Test
    void blocksComeInReadingOrderWithPolygonsAroundTheirTextInFramePixels() {
        BufferedImage image = TextImages.line(900, 400, "", 40, Color.BLACK, Color.WHITE);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.BLACK);
        g.setFont(new java.awt.Font("DejaVu Sans", java.awt.Font.PLAIN, 40));
        g.drawString("Second column", 520, 100);
        g.drawString("First line", 40, 100);
        g.drawString("Lower line", 40, 300);
        g.dispose();
        List<TextBlock> blocks = ocr.process(TextImages.frame(image));
        assertThat(blocks).extracting(TextBlock::text).containsExactly("First line", "Second column", "Lower line");
        assertThat(blocks.get(2).polygon().points()).hasSize(4);
        assertThat(blocks.get(2).polygon().contains(new Point(140, 288))).isTrue();
        assertThat(blocks.get(2).polygon().bounds().y()).isBetween(250.0, 275.0);
        assertThat(blocks).allSatisfy(b -> assertThat(b.confidence()).isBetween(0.5, 1.0));
    }

    @Test
    void theAngleClassifierTurnsUpsideDownLinesBeforeReadingThem() {
        ImageFrame upsideDown = TextImages.frame(rotated180(TextImages.line(800, 200, "Turned upside down", 48, Color.BLACK, Color.WHITE)));
        try (PpOcrRecognizer withClassifier = PpOcrRecognizer.open(ModelStore.defaults(),
                PpOcrSettings.fromOptions(StageOptions.of("angleClassifier", "true")))) {
            assertThat(withClassifier.modelName()).endsWith("+ cls)");
            assertThat(words(withClassifier.process(upsideDown))).containsExactlyInAnyOrder("turned", "upside", "down");
        }
        assertThat(words(ocr.process(upsideDown))).doesNotContain("turned", "upside", "down");
    }

    @Test
    void verticalLinesAreTurnedAQuarterBeforeReading() {
        BufferedImage line = TextImages.line(700, 120, "SIDEWAYS SIGN", 56, Color.WHITE, new Color(30, 60, 30));
        BufferedImage vertical = new BufferedImage(120, 700, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = vertical.createGraphics();
        g.rotate(Math.PI / 2);
        g.drawImage(line, 0, -120, null);
        g.dispose();
        assertThat(ocr.process(TextImages.frame(vertical))).extracting(TextBlock::text).containsExactly("SIDEWAYS SIGN");
    }

    @Test
    void isTheDefaultOcrProviderAndRejectsBadOptionsByName() {
        assertThat(StageProviders.select(StageKinds.OCR, "").name()).isEqualTo("ppocr");
        assertThatThrownBy(() -> StageProviders.create(StageKinds.OCR, new StageSpec("ocr", "ppocr", Map.of("treshold", "0.4"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treshold").hasMessageContaining("boxThreshold");
        assertThatThrownBy(() -> PpOcrSettings.fromOptions(StageOptions.of("boxThreshold", "1.5")))
                .hasMessageContaining("Option 'boxThreshold' must be in (0, 1), got 1.5");
        assertThatThrownBy(() -> PpOcrSettings.fromOptions(StageOptions.of("sideLength", "big")))
                .hasMessageContaining("Option 'sideLength' must be an integer");
    }

    @Test
    void detectorInputIsTheShortSideBroughtTo736AndTheLongSideCappedAt2000InMultiplesOf32() {
        assertThat(size(1280, 720)).containsExactly(1312, 736);
        assertThat(size(1, 1)).containsExactly(736, 736);
        assertThat(size(20_000, 20_000)).containsExactly(2016, 2016);
        assertThat(size(1920, 1080)).containsExactly(1920, 1088);
        assertThat(size(4000, 10)).containsExactly(2016, 32);
    }

    private static int[] size(int w, int h) {
        var box = TextDetector.inputBox(w, h, PpOcrSettings.DEFAULT);
        return new int[] {box.targetWidth(), box.targetHeight()};
    }

    private static BufferedImage rotated180(BufferedImage image) {
        BufferedImage out = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.rotate(Math.PI, image.getWidth() / 2.0, image.getHeight() / 2.0);
        g.drawImage(image, 0, 0, null);
        g.dispose();
        return out;
    }

    /** The models jar is a dependency: an empty cache with downloads off still gets every file, verified. */
    @Test
    void theModelsComeFromTheClassPathWithDownloadsOff(@TempDir java.nio.file.Path cache) {
        ModelStore offline = ModelStore.builder().cacheDir(cache).allowDownloads(false).build();
        assertThat(offline.files(PpOcrRecognizer.MODEL_ID)).hasSize(4).allSatisfy((name, file) -> assertThat(file).startsWith(cache));
        assertThat(offline.cached(PpOcrRecognizer.MODEL_ID)).doesNotContainValue(false);
    }

    @Test
    void closingTwiceIsHarmlessAndAClosedRecognizerSaysSo() {
        PpOcrRecognizer closed = PpOcrRecognizer.open(ModelStore.defaults(), PpOcrSettings.DEFAULT);
        closed.close();
        closed.close();
        assertThatThrownBy(() -> closed.process(TextImages.frame(TextImages.line(64, 64, "x", 20, Color.BLACK, Color.WHITE))))
                .isInstanceOf(io.visionpipeline.stage.StageException.class).hasMessageContaining("closed");
    }

    @Test
    void everyProviderOfTheOcrKindIsATextRecognizer() {
        assertThat(StageProviders.forKind(StageKinds.OCR)).extracting(p -> p.name()).contains("ppocr", "tesseract");
        TextRecognizer recognizer = ocr;
        assertThat(recognizer.isThreadSafe()).isTrue();
    }
}
