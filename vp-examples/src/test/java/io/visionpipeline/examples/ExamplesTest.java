package io.visionpipeline.examples;

import io.visionpipeline.cpu.llm.TinyLlamaGguf;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Each example program run as the README shows ({@code vp example <name> ...}), in a child JVM, on real media and models. */
class ExamplesTest {
    @TempDir
    static Path dir;
    static Path uploads;

    @BeforeAll
    static void media() throws IOException {
        uploads = Files.createDirectories(dir.resolve("uploads"));
        Files.copy(TestMedia.skimage("astronaut.png"), uploads.resolve("astronaut.png"));
        Files.copy(TestMedia.opencv("messi5.jpg"), uploads.resolve("messi5.jpg"));
    }

    /** Runs {@code vp example <args>} in the temporary folder; returns stdout, failing on a non-zero exit. */
    static String example(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-Dvp.models.allowDownloads=true", "-cp", System.getProperty("java.class.path"), "io.visionpipeline.cli.VpCommand", "example"));
        command.addAll(Arrays.asList(args));
        Path err = Files.createTempFile(dir, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectError(err.toFile());
        builder.environment().remove("VAST_API_KEY");   // never rent machines from a test
        Process process = builder.start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(150, TimeUnit.SECONDS)).as("example finishes").isTrue();
        assertThat(process.exitValue()).as(out + Files.readString(err)).isZero();
        return out;
    }

    @Test
    void analyzeFileWritesTheJsonAndHtmlReports() throws Exception {
        String out = example("analyze-file", uploads.resolve("astronaut.png").toString());
        assertThat(out).contains("1 face(s), 1 pose(s)").contains("wrote astronaut.png.report.json and astronaut.png.html");
        assertThat(Files.readString(dir.resolve("astronaut.png.html"))).contains("<svg class=\"overlay\"").contains("data:image/jpeg;base64,");
        assertThat(Files.readString(dir.resolve("astronaut.png.report.json"))).contains("\"faces\"");
    }

    @Test
    void moderateUploadsPassesCleanPicturesAndRejectsBrokenFiles() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.mp4"), "not a video");
        String out = example("moderate-uploads", uploads.resolve("astronaut.png").toString(), broken.toString());
        assertThat(out).contains("OK    " + uploads.resolve("astronaut.png") + ": max unsafe 0.0")
                .contains("REJECT " + broken + ": Cannot decode");
    }

    @Test
    void indexAndSearchThenAskAQuestionWithCitations() throws Exception {
        Path library = dir.resolve("library");
        String indexed = example("index-and-search", uploads.toString(), "a person close up", library.toString());
        assertThat(indexed).contains("indexed " + uploads.resolve("astronaut.png")).contains("indexed " + uploads.resolve("messi5.jpg"))
                .containsPattern("  .*astronaut\\.png @ 0:00\\.0 \\[moment");
        String answer = example("ask-question", library.toString(), TinyLlamaGguf.cached().toString(), "How many people are on screen?");
        assertThat(answer).startsWith("Two people are on screen [1]").containsPattern("\\[1\\] .*(astronaut\\.png|messi5\\.jpg) @ 0:00\\.0");
    }

    @Test
    void distributeOverRedisRunsTheJobsOnAWorker() throws Exception {
        String out = example("distribute-over-redis", "redis://127.0.0.1:6379", uploads.resolve("astronaut.png").toString());
        assertThat(out).contains(uploads.resolve("astronaut.png") + ": 1 face(s), analysed by a Redis worker");
    }

    @Test
    void burstToVastAiFallsBackToALocalWorkerWithoutAKey() throws Exception {
        String out = example("burst-to-vast-ai", "redis://127.0.0.1:6379", "redis://127.0.0.1:6379", "ghcr.io/acme/vp-worker:0.1.0",
                uploads.toString());
        assertThat(out).contains("astronaut.png: 1 face(s)[Analysed on the local fallback worker")
                .contains("Vast.ai cost: $0.0000 of $5.00 spent");
    }
}
