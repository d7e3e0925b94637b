package io.visionpipeline.benchmarks;

import io.visionpipeline.testing.TestVideos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Media the benchmarks need, generated once and cached beside the test media. */
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
        return TestVideos.ffmpeg("bench-h264-720p-" + seconds + "s.mp4", "-f", "lavfi", "-i", "testsrc2=size=1280x720:rate=30",
                "-t", Integer.toString(seconds), "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p");
    }

    /**
     * Runs a command (a baseline being measured) and waits for it, failing with its output when it fails.
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
