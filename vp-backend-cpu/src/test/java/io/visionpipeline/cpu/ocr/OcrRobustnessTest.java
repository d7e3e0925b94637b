package io.visionpipeline.cpu.ocr;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Inputs that break naive OCR: blank frames, a 1×1 image, a 20000×20000 image and file, a CMYK JPEG. */
class OcrRobustnessTest {
    private static final Logger LOG = LoggerFactory.getLogger(OcrRobustnessTest.class);

    @ParameterizedTest
    @ValueSource(strings = {"ppocr", "tesseract"})
    void blankFramesGiveNoBlocks(String provider) {
        try (TextRecognizer ocr = OcrAccuracyTest.engine(provider, Map.of())) {
            for (int level : new int[] {0, 128, 255}) {
                byte[] rgb = new byte[1280 * 720 * 3];
                Arrays.fill(rgb, (byte) level);
                assertThat(ocr.process(ImageFrame.ofRgb(1280, 720, rgb))).as("grey level %d", level).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ppocr", "tesseract"})
    void aOneByOneImageGivesNoBlocks(String provider) {
        try (TextRecognizer ocr = OcrAccuracyTest.engine(provider, Map.of())) {
            assertThat(ocr.process(ImageFrame.ofRgb(1, 1, new byte[] {10, 20, 30}))).isEmpty();
        }
    }

    /**
     * A 20000×20000 frame (1.2 GB of pixels) is read with heap allocations that do not grow with
     * it: both engines scale it down first (ppocr's detector to 2000 px, Tesseract to 4096 px), and
     * text lines are cut from the full-size frame without copying it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"ppocr", "tesseract"})
    void aTwentyThousandPixelSquareImageIsReadInBoundedMemory(String provider) {
        ImageFrame huge = hugeFrameWithTitle();
        try (TextRecognizer ocr = OcrAccuracyTest.engine(provider, Map.of())) {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            List<TextBlock> blocks = ocr.process(huge);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            LOG.info("{} read {} in a 20000x20000 frame allocating {} MB", provider, blocks, allocated >> 20);
            assertThat(String.join(" ", blocks.stream().map(TextBlock::text).toList())).containsIgnoringCase("GIANT POSTER");
            assertThat(blocks.get(0).polygon().bounds().width()).isGreaterThan(5000);
            assertThat(allocated).isLessThan(400L << 20);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ppocr", "tesseract"})
    void aCmykJpegIsConvertedAndRead(String provider) {
        Path jpeg = TextImages.writeCmykJpeg(TextImages.line(1000, 700, "CMYK PRINT PROOF", 40, new Color(20, 40, 140), Color.WHITE),
                "ocr-cmyk-proof-1000x700.jpg");
        try (VisionPipeline vp = VisionPipeline.builder().ocr(provider, StageOptions.EMPTY).executor(LocalExecutor.withThreads(1)).build()) {
            MediaReport report = vp.analyze(jpeg);
            assertThat(report.frames()).singleElement().satisfies(f ->
                    assertThat(f.text()).extracting(TextBlock::text).containsExactly("CMYK PRINT PROOF"));
        }
    }

    /**
     * FFmpeg decodes pictures of up to about 268 million pixels: a 20000×20000 JPEG file fails
     * with an error that names the file and says so, before any pixel is decoded.
     */
    @Test
    void aTwentyThousandPixelSquareJpegFileFailsWithAClearError() throws IOException {
        Path small = TextImages.writeJpeg(TextImages.line(16, 16, "", 8, Color.BLACK, Color.WHITE), "ocr-16x16.jpg", 90);
        byte[] jpeg = Files.readAllBytes(small);
        for (int i = 2; i + 8 < jpeg.length; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == 0xC0) {
                jpeg[i + 5] = (byte) (20_000 >> 8);
                jpeg[i + 6] = (byte) 20_000;
                jpeg[i + 7] = (byte) (20_000 >> 8);
                jpeg[i + 8] = (byte) 20_000;
                break;
            }
        }
        Path huge = Files.write(TestMedia.generatedDir().resolve("ocr-20000x20000-header.jpg"), jpeg);
        try (VisionPipeline vp = VisionPipeline.builder().ocr().executor(LocalExecutor.withThreads(1)).build()) {
            assertThatThrownBy(() -> vp.analyze(huge)).isInstanceOf(MediaDecodeException.class)
                    .hasMessageContaining(huge.toString())
                    .hasMessageContaining("the picture is larger than FFmpeg decodes (about 268 million pixels at most)")
                    .hasMessageContaining("20000x20000");
        }
    }

    private static ImageFrame hugeFrameWithTitle() {
        int side = 20_000;
        BufferedImage title = TextImages.line(16_000, 1_200, "GIANT POSTER", 900, Color.BLACK, Color.WHITE);
        byte[] rgb = new byte[side * side * 3];
        Arrays.fill(rgb, (byte) 255);
        ImageFrame strip = TextImages.frame(title);
        int left = 2_000;
        int top = 9_000;
        for (int y = 0; y < strip.height(); y++) {
            System.arraycopy(strip.rgb(), y * strip.width() * 3, rgb, ((top + y) * side + left) * 3, strip.width() * 3);
        }
        return ImageFrame.ofRgb(side, side, rgb);
    }
}
