package io.visionpipeline.core.decode;

import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import io.visionpipeline.media.MediaDecodeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every container and codec users upload, made with the ffmpeg command and decoded by FrameReader. */
class FormatCoverageTest {

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "mp4, libx264, h264",
            "mkv, libx264, h264",
            "mov, libx264, h264",
            "mkv, libx265, hevc",
            "webm, libvpx, vp8",
            "webm, libvpx-vp9, vp9",
            "avi, mpeg4, mpeg4",
            "mp4, mpeg4, mpeg4"})
    void decodesVideoContainersAndCodecsWithMediaTimestamps(String container, String encoder, String codec) {
        Path video = TestVideos.ffmpeg("format-" + encoder + "." + container, "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25",
                "-t", "3", "-c:v", encoder, "-pix_fmt", "yuv420p");
        try (FrameReader reader = FrameReader.open(MediaSource.of(video), FrameSampling.every(Duration.ofSeconds(1)))) {
            MediaInfo media = reader.media();
            assertThat(media.kind()).isEqualTo(MediaKind.VIDEO);
            assertThat(media.videoCodec()).isEqualTo(codec);
            assertThat(media.width()).isEqualTo(320);
            List<Long> times = new java.util.ArrayList<>();
            for (ImageFrame f = reader.next(); f != null; f = reader.next()) {
                times.add(f.timestamp().toMillis());
            }
            assertThat(times).containsExactly(0L, 1000L, 2000L);
            assertThat(reader.warnings()).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jpg, 6", "webp, 6", "bmp, 0", "tiff, 0", "gif, 40"})
    void decodesImageFormatsToTheSamePixels(String format, int maxMeanDifference) {
        Path png = TestMedia.skimage("astronaut.png");
        Path image = TestVideos.ffmpeg("astronaut." + format, "-i", png.toString());
        ImageFrame reference = TestVideos.load(png);
        try (FrameReader reader = FrameReader.open(MediaSource.of(image), FrameSampling.DEFAULT)) {
            assertThat(reader.media().kind()).isEqualTo(MediaKind.IMAGE);
            ImageFrame frame = reader.next();
            assertThat(frame.width()).isEqualTo(512);
            assertThat(meanAbsoluteDifference(frame.rgb(), reference.rgb())).isLessThanOrEqualTo(maxMeanDifference);
            assertThat(reader.next()).isNull();
        }
    }

    @ParameterizedTest(name = "rotate={0}")
    @CsvSource({"90", "180", "270"})
    void turnsPhoneVideosUprightAsTheFfmpegCommandDoes(int rotate) {
        Path upright = TestVideos.ffmpeg("coffee-still.mp4", "-loop", "1", "-i", TestMedia.skimage("coffee.png").toString(),
                "-t", "1", "-r", "5", "-c:v", "libx264", "-pix_fmt", "yuv420p");
        Path rotated = TestVideos.ffmpeg("coffee-rotate" + rotate + ".mp4", "-i", upright.toString(), "-c", "copy",
                "-metadata:s:v:0", "rotate=" + rotate);
        Path reference = TestVideos.ffmpeg("coffee-rotate" + rotate + "-as-shown.png", "-i", rotated.toString(), "-frames:v", "1");
        ImageFrame expected = TestVideos.load(reference);
        try (FrameReader reader = FrameReader.open(MediaSource.of(rotated), FrameSampling.DEFAULT)) {
            assertThat(reader.media().width()).isEqualTo(expected.width());
            ImageFrame frame = reader.next();
            assertThat(frame.width()).isEqualTo(expected.width());
            assertThat(frame.height()).isEqualTo(expected.height());
            assertThat(meanAbsoluteDifference(frame.rgb(), expected.rgb())).isLessThan(3);
        }
    }

    @Test
    void anAnimatedGifYieldsItsFirstFrame() {
        Path animated = TestVideos.ffmpeg("animated.gif", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "2", "-loop", "0");
        try (FrameReader reader = FrameReader.open(MediaSource.of(animated), FrameSampling.everyNthFrame(1))) {
            assertThat(reader.media().kind()).isEqualTo(MediaKind.IMAGE);
            assertThat(reader.next().width()).isEqualTo(160);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void anAnimatedWebpIsAClearErrorSinceFfmpegCannotDecodeIt() {
        Path animated = TestVideos.ffmpeg("animated.webp", "-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10", "-t", "2", "-loop", "0");
        assertThatThrownBy(() -> {
            try (FrameReader reader = FrameReader.open(MediaSource.of(animated), FrameSampling.everyNthFrame(1))) {
                reader.next();
            }
        }).isInstanceOf(MediaDecodeException.class).hasMessageContaining(animated.toString()).hasMessageContaining("animated WebP");
    }

    private static double meanAbsoluteDifference(byte[] a, byte[] b) {
        long sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += Math.abs((a[i] & 0xFF) - (b[i] & 0xFF));
        }
        return sum / (double) a.length;
    }
}
