package io.visionpipeline.cpu;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.cpu.ocr.TextImages;
import io.visionpipeline.ocr.TextSimilarity;
import io.visionpipeline.ocr.TextTrack;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** OCR over a whole video through the pipeline: per-frame blocks and text tracks in the report. */
class OcrPipelineTest {
    private static final Logger LOG = LoggerFactory.getLogger(OcrPipelineTest.class);
    static final String TITLE = "Budget vote passes in city council";
    private static final Duration SAMPLING = Duration.ofSeconds(1);

    /** 30 s, 640×360, 25 fps, MPEG-4: a landscape-like gradient with a lower-third title from 2 s to 7 s. */
    static Path titledVideo() {
        BufferedImage plain = background();
        BufferedImage titled = background();
        Graphics2D g = titled.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(10, 20, 60));
        g.fillRect(0, 270, 640, 56);
        g.setColor(Color.WHITE);
        g.setFont(new Font("DejaVu Sans", Font.BOLD, 26));
        FontMetrics m = g.getFontMetrics();
        g.drawString(TITLE, (640 - m.stringWidth(TITLE)) / 2, 270 + (56 - m.getHeight()) / 2 + m.getAscent());
        g.dispose();
        Path plainPng = TextImages.writePng(plain, "ocr-title-v2-plain-640x360.png");
        Path titledPng = TextImages.writePng(titled, "ocr-title-v2-titled-640x360.png");
        return TestVideos.slideshow("ocr-title-v2-2s-7s.avi", 640, 360, 25, List.of(
                new TestVideos.Scene(plainPng, Duration.ofSeconds(2)),
                new TestVideos.Scene(titledPng, Duration.ofSeconds(5)),
                new TestVideos.Scene(plainPng, Duration.ofSeconds(23))));
    }

    /** A sky-like gradient with a darker ground band: no text, nothing text-like. */
    private static BufferedImage background() {
        BufferedImage frame = new BufferedImage(640, 360, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = frame.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(90, 140, 210), 0, 240, new Color(200, 220, 240)));
        g.fillRect(0, 0, 640, 240);
        g.setPaint(new GradientPaint(0, 240, new Color(70, 110, 60), 640, 360, new Color(120, 150, 80)));
        g.fillRect(0, 240, 640, 120);
        g.dispose();
        return frame;
    }

    /**
     * ppocr with its defaults; Tesseract as its documentation advises for video: dropping lines
     * under 0.5 confidence, the garbage it reads in the edges of the title bar.
     */
    @ParameterizedTest
    @CsvSource({"ppocr, ''", "tesseract, minConfidence=0.5"})
    void aTitleShownFromTwoToSevenSecondsBecomesOneTextTrack(String provider, String option) {
        StageOptions options = option.isEmpty() ? StageOptions.EMPTY : StageOptions.of(option.split("="));
        MediaReport report;
        try (VisionPipeline vp = VisionPipeline.builder().ocr(provider, options)
                .sampling(FrameSampling.every(SAMPLING)).executor(LocalExecutor.withThreads(2)).build()) {
            report = vp.analyze(titledVideo());
        }
        LOG.info("{}: {}", provider, report.textTracks());
        assertThat(report.frames()).hasSize(30);
        assertThat(report.frames()).filteredOn(f -> !f.text().isEmpty()).extracting(f -> f.timestamp().toSeconds())
                .containsExactly(2L, 3L, 4L, 5L, 6L);
        TextTrack track = assertThat(report.textTracks()).singleElement().actual();
        assertThat(TextSimilarity.normalizedDistance(track.text(), TITLE)).isLessThan(0.1);
        assertThat(track.start()).isBetween(Duration.ofSeconds(2).minus(SAMPLING), Duration.ofSeconds(2).plus(SAMPLING));
        assertThat(track.end()).isBetween(Duration.ofSeconds(7).minus(SAMPLING), Duration.ofSeconds(7).plus(SAMPLING));
        assertThat(track.frames()).isEqualTo(5);
        assertThat(track.polygon().bounds().y()).isBetween(260.0, 300.0);

        MediaReport again = ReportJson.fromJson(ReportJson.toJson(report));
        assertThat(again.textTracks()).isEqualTo(report.textTracks());
        assertThat(again.frames().get(3).text()).isEqualTo(report.frames().get(3).text());
    }
}
