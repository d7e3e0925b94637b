package io.visionpipeline.testing;

import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Writes test videos with JavaCV's FFmpeg (MPEG-4 Part 2, since the bundled FFmpeg has no H.264
 * encoder), cached by name under {@link TestMedia#generatedDir()}: made once, reused by later runs.
 */
public final class TestVideos {
    private TestVideos() {
    }

    /**
     * One scene of a slideshow: a picture (or black when null) shown for a while.
     *
     * @param image    the picture, scaled to the video size; null for a black frame
     * @param duration how long it is shown
     */
    public record Scene(Path image, Duration duration) {
    }

    /**
     * A slideshow video made of real pictures.
     *
     * @param name   cache name, e.g. {@code astronaut-gap.avi}
     * @param width  video width
     * @param height video height
     * @param fps    frames per second
     * @param scenes the scenes in order
     * @return the video file
     */
    public static Path slideshow(String name, int width, int height, int fps, List<Scene> scenes) {
        return slideshow(name, width, height, fps, scenes, null);
    }

    /**
     * A slideshow video of real pictures with a soundtrack: MPEG-4 video and AAC audio in an MP4
     * (or AVI) container, as a phone or editor would write them.
     *
     * @param name   cache name, e.g. {@code talk.mp4}
     * @param width  video width
     * @param height video height
     * @param fps    frames per second
     * @param scenes the scenes in order
     * @param audio  the soundtrack (any file FFmpeg reads), recorded from time 0; null for none
     * @return the video file
     */
    public static Path slideshow(String name, int width, int height, int fps, List<Scene> scenes, Path audio) {
        return cached(name, file -> {
            long total = scenes.stream().mapToLong(s -> Math.round(s.duration().toNanos() / 1e9 * fps)).sum();
            byte[][] pictures = scenes.stream().map(s -> s.image() == null ? new byte[width * height * 3]
                    : Images.resizeNearest(load(s.image()), width, height)).toArray(byte[][]::new);
            long[] ends = new long[scenes.size()];
            long acc = 0;
            for (int i = 0; i < scenes.size(); i++) {
                acc += Math.round(scenes.get(i).duration().toNanos() / 1e9 * fps);
                ends[i] = acc;
            }
            write(file, width, height, fps, total, frame -> {
                int scene = 0;
                while (frame >= ends[scene]) {
                    scene++;
                }
                return pictures[scene];
            }, audio == null ? null : TestAudio.read16k(audio));
        });
    }

    /**
     * A synthetic video: a moving gradient with a frame counter pattern, any length.
     *
     * @param name   cache name
     * @param width  video width
     * @param height video height
     * @param fps    frames per second
     * @param length duration
     * @return the video file
     */
    public static Path synthetic(String name, int width, int height, int fps, Duration length) {
        return cached(name, file -> write(file, width, height, fps, Math.round(length.toNanos() / 1e9 * fps), frame -> {
            byte[] rgb = new byte[width * height * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = 3 * (y * width + x);
                    rgb[i] = (byte) (x + frame * 3);
                    rgb[i + 1] = (byte) (y + frame);
                    rgb[i + 2] = (byte) ((x ^ y) + frame * 7);
                }
            }
            return rgb;
        }, null));
    }

    /**
     * Media made by the {@code ffmpeg} command (Debian's build, which has the H.264, HEVC, VP8/9
     * and WebP encoders JavaCV's bundled FFmpeg lacks), cached by name.
     *
     * @param name cache name with the extension that selects the container, e.g. {@code h264.mkv}
     * @param args ffmpeg arguments before the output file, e.g. {@code -f lavfi -i testsrc2 -t 3 -c:v libx264}
     * @return the file
     */
    public static Path ffmpeg(String name, String... args) {
        return cached(name, file -> {
            List<String> command = new java.util.ArrayList<>(List.of("ffmpeg", "-v", "error", "-y"));
            command.addAll(List.of(args));
            command.add(file.toString());
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(10, java.util.concurrent.TimeUnit.MINUTES) || process.exitValue() != 0) {
                    throw new IOException("ffmpeg failed: " + new String(output, java.nio.charset.StandardCharsets.UTF_8));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            } catch (IOException e) {
                throw new IOException("cannot run ffmpeg (install it: bash scripts/install-prerequisites.sh): " + e.getMessage(), e);
            }
        });
    }

    /**
     * @param path an image file
     * @return its pixels as a frame
     */
    public static ImageFrame load(Path path) {
        try (FrameReader reader = FrameReader.open(MediaSource.of(path), FrameSampling.everyNthFrame(1))) {
            return reader.next();
        }
    }

    private static void write(Path file, int width, int height, int fps, long frames, IntFunction<byte[]> picture,
                              float[] audio16k) throws IOException {
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(file.toFile(), width, height, audio16k == null ? 0 : 1)) {
            recorder.setVideoCodec(avcodec.AV_CODEC_ID_MPEG4);
            recorder.setFormat(file.toString().endsWith(".avi") ? "avi" : "mp4");
            recorder.setFrameRate(fps);
            recorder.setVideoQuality(4);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            if (audio16k != null) {
                recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
                recorder.setSampleRate(16_000);
                recorder.setAudioBitrate(64_000);
            }
            recorder.start();
            Frame frame = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            int audioDone = 0;
            for (int i = 0; i < frames; i++) {
                if (audio16k != null) {
                    int until = (int) Math.min(audio16k.length, (i + 1L) * 16_000 / fps);
                    if (until > audioDone) {
                        recorder.recordSamples(16_000, 1, java.nio.FloatBuffer.wrap(audio16k, audioDone, until - audioDone));
                        audioDone = until;
                    }
                }
                ByteBuffer buffer = (ByteBuffer) frame.image[0];
                byte[] rgb = picture.apply(i);
                for (int y = 0; y < height; y++) {
                    buffer.position(y * frame.imageStride);
                    buffer.put(rgb, y * width * 3, width * 3);
                }
                buffer.rewind();
                recorder.record(frame, avutil.AV_PIX_FMT_RGB24);
            }
            recorder.stop();
        }
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path file) throws IOException;
    }

    private static synchronized Path cached(String name, Writer writer) {
        Path file = TestMedia.generatedDir().resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        Path tmp = file.resolveSibling(name + ".part" + ProcessHandle.current().pid() + name.substring(name.lastIndexOf('.')));
        try {
            writer.write(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write test video " + file, e);
        }
    }
}
