package io.visionpipeline.core.report;

import io.visionpipeline.face.Appearance;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceLandmarks;
import io.visionpipeline.face.Identity;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.safety.FlaggedRange;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.safety.SafetySummary;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTML page of a report, rendered from astronaut.png (the browser tests in vp-examples-server look at it in Chromium). */
class HtmlReportTest {
    private static final Point P = new Point(200, 120);

    static MediaReport astronautReport(String text) {
        MediaInfo media = new MediaInfo(TestMedia.skimage("astronaut.png").toString(), MediaKind.IMAGE, "png_pipe", Duration.ZERO,
                512, 512, 0, 1, "png", "");
        Face face = new Face(new BoundingBox(178, 81, 94, 94), 0.92, new FaceLandmarks(P, P, P, P, P, P));
        return MediaReport.builder(media).sampling("1s")
                .addStage(new StageRun("faces", "blazeface", "blazeface-short", Map.of()))
                .addFrame(FrameResult.builder(0, Duration.ZERO).faces(List.of(face))
                        .text(List.of(new TextBlock(text, Polygon.of(300, 300, 400, 300, 400, 330, 300, 330), 0.9)))
                        .safety(new SafetyScore(0, 0, 0.1, 0.8, 0.1, 0.9, true)).build())
                .transcript(new Transcript("en", List.of(new TranscriptSegment(Duration.ZERO, Duration.ofSeconds(2), "hello <b>there</b>", 0.9, List.of()))))
                .safety(new SafetySummary(0.7, 1, 1, 0.9, Duration.ZERO, List.of(new FlaggedRange(Duration.ZERO, Duration.ZERO, 1, 0.9))))
                .build();
    }

    @Test
    void drawsTheFramesFindingsOverItsThumbnailAndEscapesEveryText() throws Exception {
        StringWriter out = new StringWriter();
        HtmlReport.builder(astronautReport("<script>alert(1)</script>")).build().render(out);
        String html = out.toString();
        assertThat(html).startsWith("<!DOCTYPE html>").contains("<img alt=\"frame 0\" src=\"data:image/jpeg;base64,")
                .contains("<svg class=\"overlay\" viewBox=\"0 0 512 512\"")
                .contains("<rect x=\"178.0\" y=\"81.0\" width=\"94.0\" height=\"94.0\" fill=\"none\" stroke=\"" + FrameOverlay.FACE_COLOUR)
                .contains("<polygon points=\"300.0,300.0 400.0,300.0 400.0,330.0 300.0,330.0\"")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;").doesNotContain("<script>alert")
                .contains("<figure class=\"frame nsfw flagged-range\" id=\"frame-0\"")
                .contains("<li class=\"flagged\" data-seek=\"0.000\"><time>0:00.0–0:02.0</time>hello &lt;b&gt;there&lt;/b&gt;")
                .contains("<section id=\"identities\"><h2>Faces</h2>");
        assertThat(Pattern.compile("https?://(?!www\\.w3\\.org/2000/svg)").matcher(html).find()).as("no link off the page").isFalse();
    }

    @Test
    void labelsFaceBoxesWithTheirIdentityAndShowsOneFigurePerPerson() throws Exception {
        MediaInfo media = new MediaInfo(TestMedia.skimage("astronaut.png").toString(), MediaKind.IMAGE, "png_pipe", Duration.ZERO,
                512, 512, 0, 1, "png", "");
        Face named = new Face(new BoundingBox(178, 81, 94, 94), 0.92, new FaceLandmarks(P, P, P, P, P, P)).withIdentity("face-1");
        Face unknown = new Face(new BoundingBox(10, 10, 40, 40), 0.8, new FaceLandmarks(P, P, P, P, P, P)).withIdentity("face-2");
        MediaReport report = MediaReport.builder(media).addStage(new StageRun("faces", "blazeface", "blazeface-short + faceres", Map.of()))
                .addFrame(FrameResult.builder(0, Duration.ZERO).faces(List.of(named, unknown)).build())
                .addIdentity(new Identity("face-1", "Eileen <Collins>", 0.9, List.of(new Appearance(Duration.ZERO, Duration.ZERO, 1)), 1, 0.9,
                        new byte[] {(byte) 0xFF, (byte) 0xD8}, new float[] {1, 0}))
                .addIdentity(new Identity("face-2", null, null, List.of(new Appearance(Duration.ZERO, Duration.ZERO, 1)), 1, 0.5,
                        null, new float[] {0, 1}))
                .build();
        StringWriter out = new StringWriter();
        HtmlReport.builder(report).build().render(out);
        String html = out.toString();
        assertThat(html).contains(">Eileen &lt;Collins&gt;</text></g>").contains(">face-2</text></g>")
                .contains("<section id=\"identities\"><h2>People</h2>")
                .contains("<figure class=\"identity\" id=\"face-1\" data-seek=\"0.000\"><img alt=\"Eileen &lt;Collins&gt;\" src=\"data:image/jpeg;base64,/9g=\">")
                .contains("<figure class=\"identity\" id=\"face-2\" data-seek=\"0.000\">face-2<br>1 face(s)<br>0:00.0–0:00.0</figure>")
                .doesNotContain("<img alt=\"face\"");
    }

    @Test
    void aMediaThatCannotBeReadGivesBlankFramesAndSaysWhy(@TempDir Path dir) throws Exception {
        Path page = dir.resolve("report.html");
        HtmlReport.builder(astronautReport("text")).source(MediaSource.of(dir.resolve("gone.png"))).build().write(page);
        String html = Files.readString(page);
        assertThat(html).contains("<div class=\"blank\" style=\"--ar:512/512\"></div>").contains("frames not shown:").contains("gone.png")
                .doesNotContain("<section id=\"identities\">");
    }

    @Test
    void longReportsShowEveryNthFrameAndEveryFlaggedOne() throws Exception {
        MediaInfo media = new MediaInfo("long.mp4", MediaKind.VIDEO, "mp4", Duration.ofSeconds(100), 640, 360, 25, 2500, "h264", "");
        MediaReport.Builder b = MediaReport.builder(media).sampling("1s");
        for (int i = 0; i < 100; i++) {
            FrameResult.Builder frame = FrameResult.builder(i * 25L, Duration.ofSeconds(i));
            frame.safety(new SafetyScore(0, 0, 1, 0, 0, 0, i == 57));
            b.addFrame(frame.build());
        }
        StringWriter out = new StringWriter();
        HtmlReport.builder(b.build()).source(null).maxFrames(10).build().render(out);
        assertThat(Pattern.compile("<figure class=\"frame").matcher(out.toString()).results().count()).isEqualTo(11);
        assertThat(out.toString()).contains("id=\"frame-1425\"");
    }
}
