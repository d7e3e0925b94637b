package io.visionpipeline.benchmarks;

import io.visionpipeline.testing.TestMedia;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Media the benchmarks need, generated once with the {@code ffmpeg} command (Debian's build has
 * the libx264 encoder that JavaCV's bundled FFmpeg lacks) and cached beside the test media.
 */
public final class BenchmarkMedia {
    private BenchmarkMedia() {
    }

    /**
     * A 1280×720 H.264 video (x264 veryfast, CRF 23) of FFmpeg's moving test pattern, 30 fps.
     *
     * @param seconds length
     * @return the file
     */
    public static Path h264Video720p(int seconds) {
        Path file = TestMedia.generatedDir().resolve("bench-h264-720p-" + seconds + "s.mp4");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path part = file.resolveSibling(file.getFileName() + ".part.mp4");
        run(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast",
                "-crf", "23", "-pix_fmt", "yuv420p", part.toString()));
        try {
            return Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs a command and waits for it, failing with its output when it fails.
     *
     * @param command the command
     */
    public static void run(List<String> command) {
        try {
            Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + command.get(0) + " (install it: scripts/install-prerequisites.sh)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
