package io.visionpipeline.cli;

import io.visionpipeline.cpu.llm.TinyLlamaGguf;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.visionpipeline.cli.VpCommandTest.vp;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code vp index / search / ask / serve} in child JVMs, as a user runs them. */
@Timeout(400)
class SearchCommandsTest {

    @Test
    void indexesSearchesAndAsksThroughAnEmbeddedAndAServedModel(@TempDir Path dir) throws Exception {
        Path media = Files.createDirectories(dir.resolve("media"));
        Files.copy(TestVideos.slideshow("cli-index-astronaut.mp4", 320, 240, 10, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(null, Duration.ofSeconds(2)))), media.resolve("astronaut.mp4"));
        Files.copy(TestMedia.skimage("coffee.png"), media.resolve("coffee.png"));
        Path library = dir.resolve("library");

        VpCommandTest.Run index = vp("index", media.toString(), "--library", library.toString(), "--no-progress");
        assertThat(index.exitCode()).as(index.err()).isZero();
        assertThat(index.out()).contains("indexed " + media.resolve("astronaut.mp4")).contains("library " + library + ": 2 media");

        VpCommandTest.Run search = vp("search", "one person is visible", "--library", library.toString(), "-k", "2");
        assertThat(search.exitCode()).as(search.err()).isZero();
        assertThat(search.out().lines().findFirst().orElseThrow())
                .contains(media.resolve("astronaut.mp4") + " @ 0:00.0").contains("moment").contains("1 person visible (");

        VpCommandTest.Run empty = vp("search", "an empty room", "--library", library.toString(), "-k", "1", "--media", media.resolve("coffee.png").toString());
        assertThat(empty.out()).contains("coffee.png").contains("no people visible");

        String gguf = TinyLlamaGguf.cached().toString();
        VpCommandTest.Run ask = vp("ask", "How many people are on screen?", "--library", library.toString(), "--llm", gguf);
        assertThat(ask.exitCode()).as(ask.err()).isZero();
        assertThat(ask.out()).startsWith("Two people are on screen [1] and.").contains("\n[1] " + media);
        assertThat(ask.err()).contains("dropped 1 citation(s) that matched no excerpt");

        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), VpCommand.class.getName(), "serve", "--model", gguf, "--port", "0")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).startsWith("serving tiny-llama-v1.gguf at http://127.0.0.1:");
            String url = line.substring(line.indexOf("http://"));
            VpCommandTest.Run remote = vp("ask", "How many people are on screen?", "--library", library.toString(), "--llm", url);
            assertThat(remote.exitCode()).as(remote.err()).isZero();
            assertThat(remote.out()).startsWith("Two people are on screen [1] and.").contains("\n[1] " + media);
        } finally {
            serve.destroy();
            serve.waitFor();
        }
    }

    @Test
    void missingLibrariesAndModelsAreOneLineErrors(@TempDir Path dir) throws Exception {
        VpCommandTest.Run search = vp("search", "anything", "--library", dir.resolve("nope").toString());
        assertThat(search.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(search.err().strip()).isEqualTo("vp: No library in " + dir.resolve("nope") + ": create one with  vp index <media> --library " + dir.resolve("nope"));
        VpCommandTest.Run serve = vp("serve", "--model", dir.resolve("missing.gguf").toString());
        assertThat(serve.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(serve.err()).contains("vp: GGUF model " + dir.resolve("missing.gguf") + " does not exist");
        for (String command : List.of("index", "search", "ask", "serve")) {
            VpCommandTest.Run help = vp(command, "--help");
            assertThat(help.exitCode()).isZero();
            assertThat(help.out()).startsWith("Usage: vp " + command);
        }
    }
}
