package io.visionpipeline.benchmarks;

import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Media the benchmarks need, generated once and cached beside the test media. */
public final class BenchmarkMedia {
    /** Font of the news video's caption (Debian fonts-dejavu-core). */
    static final String CAPTION_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

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
     * A 1280×720 H.264 video with people, faces and a caption, like a news clip: the opencv-doc
     * {@code Megamind.avi} trailer looped, scaled to 720p, with a news ticker drawn over it
     * (x264 veryfast, CRF 23, 24 fps, no audio).
     *
     * @param seconds length
     * @return the file
     */
    public static Path newsVideo720p(int seconds) {
        return TestVideos.ffmpeg("bench-news-720p-" + seconds + "s.mp4", "-stream_loop", "-1", "-i", TestMedia.opencv("Megamind.avi").toString(),
                "-t", Integer.toString(seconds), "-vf", "scale=1280:720,drawtext=fontfile=" + CAPTION_FONT
                        + ":text='BREAKING NEWS  Markets close higher':fontsize=44:fontcolor=white:box=1:boxcolor=black@0.6:x=40:y=h-90",
                "-an", "-c:v", "libx264", "-preset", "veryfast", "-crf", "23", "-pix_fmt", "yuv420p");
    }

    /**
     * One frame of {@link #newsVideo720p} (at 10 s: a face, a person MoveNet finds, the caption), scaled.
     *
     * @param width  frame width
     * @param height frame height
     * @return the decoded frame
     */
    public static ImageFrame newsFrame(int width, int height) {
        Path png = TestVideos.ffmpeg("bench-news-frame-10s-" + width + "x" + height + ".png", "-ss", "10",
                "-i", newsVideo720p(60).toString(), "-frames:v", "1", "-vf", "scale=" + width + ":" + height);
        return TestVideos.load(png);
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
