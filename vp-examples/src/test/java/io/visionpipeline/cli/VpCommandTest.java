package io.visionpipeline.cli;

import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the {@code vp} command line in a child JVM, as a user would, and checks exit codes and output. */
@Timeout(180)
class VpCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run vp(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), VpCommand.class.getName()));
        command.addAll(Arrays.asList(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        var out = process.getInputStream().readAllBytes();
        var err = process.getErrorStream().readAllBytes();
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("vp finishes").isTrue();
        return new Run(process.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
    }

    @Test
    void analyzesAnImageAndPrintsItsFace() throws Exception {
        Run run = vp("analyze", TestMedia.skimage("astronaut.png").toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("astronaut.png").contains("faces (blazeface-short").contains("1 in 1 of 1 frame(s)");
    }

    @Test
    void writesAJsonReportAndDrawsProgress(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("megamind.json");
        Run run = vp("analyze", TestMedia.opencv("Megamind.avi").toString(), "--every", "2s", "--out", report.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("Megamind.avi [").contains("6/6 frames");
        MediaReport parsed = ReportJson.read(report);
        assertThat(parsed.frames()).hasSize(6);
        assertThat(parsed.sampling()).isEqualTo("2s");
    }

    @Test
    void writesAnHtmlReportWithAFrameOfEachSampledSecondAndItsOverlays(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("megamind.html");
        Run run = vp("analyze", TestMedia.opencv("Megamind.avi").toString(), "--every", "2s", "--stages", "faces,pose",
                "--no-progress", "--html", html.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("vp: HTML report written to " + html);
        String page = Files.readString(html);
        assertThat(page.split("<figure class=\"frame", -1)).hasSize(7);
        assertThat(page.split("src=\"data:image/jpeg;base64,", -1).length).isGreaterThan(6);
        assertThat(page).contains("<g class=\"face\">").contains("<g class=\"pose\"").contains("<section id=\"identities\">");
    }

    @Test
    void badInputsFailWithAOneLineReasonNamingTheFileWhileGoodOnesSucceed(@TempDir Path dir) throws Exception {
        Path good = Files.copy(TestMedia.skimage("astronaut.png"), dir.resolve("good.png"));
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("text.mp4"), "just some text, renamed\n".repeat(50));
        byte[] video = Files.readAllBytes(TestVideos.synthetic("cli-truncate.mp4", 320, 240, 25, Duration.ofSeconds(3)));
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(video, video.length / 3));
        Path missing = dir.resolve("missing.webm");

        Run run = vp("analyze", dir.toString(), missing.toString(), "--no-progress");
        assertThat(run.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(run.out()).contains(good.toString()).contains("1 in 1 of 1 frame(s)");
        for (Path bad : List.of(empty, text, truncated, missing)) {
            assertThat(run.err().lines().filter(l -> l.startsWith("vp: Cannot decode '" + bad + "'"))).hasSize(1);
        }
        assertThat(run.err()).contains("4 of 5 media failed");
    }

    @Test
    void aSingleMissingFileExitsNonZero() throws Exception {
        Run run = vp("analyze", "/nonexistent/clip.mp4");
        assertThat(run.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(run.err().strip()).isEqualTo("vp: Cannot decode '/nonexistent/clip.mp4': the file does not exist");
    }

    @Test
    void unknownStagesAndBadSamplingAreOneLineErrors() throws Exception {
        Run stage = vp("analyze", TestMedia.skimage("coffee.png").toString(), "--stages", "nope");
        assertThat(stage.exitCode()).isNotZero();
        assertThat(stage.err()).startsWith("vp: Unknown stage 'nope'; known: faces, ocr");
        Run sampling = vp("analyze", TestMedia.skimage("coffee.png").toString(), "--every", "often");
        assertThat(sampling.exitCode()).isNotZero();
        assertThat(sampling.err()).startsWith("vp: Invalid frame sampling 'often'");
    }

    @Test
    void everyCommandHasHelp() throws Exception {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"analyze", "--help"},
                new String[] {"models", "--help"}, new String[] {"models", "list", "--help"}, new String[] {"models", "fetch", "--help"})) {
            Run run = vp(args);
            assertThat(run.exitCode()).isZero();
            assertThat(run.out()).startsWith("Usage: vp");
        }
        assertThat(vp("analyze").exitCode()).isEqualTo(VpCommand.USAGE);
    }

    @Test
    void readsTextWithEitherOcrEngineAndNeedsTheOcrStageForTheEngineOption() throws Exception {
        Run ppocr = vp("analyze", TestMedia.skimage("page.png").toString(), "--stages", "ocr", "--no-progress");
        assertThat(ppocr.exitCode()).as(ppocr.err()).isZero();
        assertThat(ppocr.out()).contains("ocr (ppocr, ppocr-v4").contains("7 line(s) in 1 of 1 frame(s)")
                .contains("\"histogram of grey values:\"");
        Run tesseract = vp("analyze", TestMedia.skimage("page.png").toString(), "--stages", "ocr", "--ocr", "tesseract", "--no-progress");
        assertThat(tesseract.exitCode()).as(tesseract.err()).isZero();
        assertThat(tesseract.out()).contains("ocr (tesseract, tesseract 5").contains("\"Region-based segmentation\"");
        Run missingStage = vp("analyze", TestMedia.skimage("page.png").toString(), "--ocr", "tesseract");
        assertThat(missingStage.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(missingStage.err().strip()).isEqualTo("vp: --ocr tesseract chooses the OCR engine: add ocr to --stages");
    }

    @Test
    void findsPosesAndScoresSafetyAndNeedsTheNsfwStageForItsOptions(@TempDir Path dir) throws Exception {
        Run run = vp("analyze", TestMedia.opencv("messi5.jpg").toString(), "--stages", "pose,nsfw", "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("pose (movenet, movenet-multipose (256 px)): 1 person(s) in 1 of 1 frame(s)")
                .contains("nsfw (nsfwjs, nsfwjs-mobilenet-v2 (224x224, letterbox)): ok, unsafe 0.03 (top class neutral 0.87)");
        Run noStage = vp("analyze", TestMedia.opencv("messi5.jpg").toString(), "--nsfw", "clip");
        assertThat(noStage.err().strip()).isEqualTo("vp: --nsfw clip chooses the NSFW classifier: add nsfw to --stages");
        Run noClip = vp("analyze", TestMedia.opencv("messi5.jpg").toString(), "--stages", "nsfw", "--clip-model", dir.toString());
        assertThat(noClip.err().strip()).isEqualTo("vp: --clip-model " + dir + " is the model of the CLIP classifier: add --nsfw clip");
        Run empty = vp("analyze", TestMedia.opencv("messi5.jpg").toString(), "--stages", "nsfw", "--nsfw", "clip", "--clip-model", dir.toString());
        assertThat(empty.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(empty.err()).startsWith("vp: No CLIP ONNX model in " + dir);
    }

    @Test
    void listsAndFetchesModels() throws Exception {
        Run fetch = vp("models", "fetch", "blazeface-short");
        assertThat(fetch.exitCode()).as(fetch.err()).isZero();
        assertThat(fetch.out()).contains("blazeface-short: ").contains("face_detection_front_128x128_barracuda.onnx");
        Run list = vp("models", "list");
        assertThat(list.exitCode()).isZero();
        assertThat(list.out()).containsPattern("blazeface-short\\s+yes\\s+Apache-2.0");
    }
}
