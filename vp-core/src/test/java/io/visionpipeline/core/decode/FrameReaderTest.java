package io.visionpipeline.core.decode;

import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FrameReaderTest {

    @Test
    void decodesPngAsOneRgbFrameWithKnownPixels() {
        try (FrameReader reader = FrameReader.open(MediaSource.of(TestMedia.skimage("astronaut.png")), FrameSampling.DEFAULT)) {
            assertThat(reader.media().kind()).isEqualTo(MediaKind.IMAGE);
            ImageFrame frame = reader.next();
            assertThat(frame.width()).isEqualTo(512);
            assertThat(frame.height()).isEqualTo(512);
            assertThat(frame.timestamp()).isEqualTo(Duration.ZERO);
            // reference pixels read with skimage.data.astronaut(): [y=0,x=0] and [y=100,x=200]
            assertThat(rgb(frame, 0, 0)).containsExactly(154, 147, 151);
            assertThat(rgb(frame, 200, 100)).containsExactly(81, 57, 17);
            assertThat(reader.next()).isNull();
        }
    }

    @Test
    void decodesGreyscalePngToRgb() {
        try (FrameReader reader = FrameReader.open(MediaSource.of(TestMedia.skimage("camera.png")), FrameSampling.DEFAULT)) {
            ImageFrame frame = reader.next();
            assertThat(frame.width()).isEqualTo(512);
            int[] p = rgb(frame, 256, 256);
            assertThat(p[0]).isEqualTo(p[1]).isEqualTo(p[2]);
        }
    }

    @Test
    void samplesOneFramePerSecondWithMediaTimestampsWithinOneFrame() {
        Path video = TestMedia.opencv("vtest.avi"); // 10 fps, 79.5 s
        List<ImageFrame> frames = readAll(video, FrameSampling.every(Duration.ofSeconds(1)));
        assertThat(frames).hasSize(80);
        for (int i = 0; i < frames.size(); i++) {
            assertThat(frames.get(i).timestamp().toMillis() / 1000.0).isCloseTo(i, within(0.1));
            assertThat(frames.get(i).index()).isEqualTo(10L * i);
            assertThat(frames.get(i).width()).isEqualTo(768);
        }
    }

    @Test
    void samplesEveryNthFrameAndAtMostNFrames() {
        Path video = TestMedia.opencv("Megamind.avi"); // 23.976 fps, 270 frames
        assertThat(readAll(video, FrameSampling.everyNthFrame(30))).extracting(ImageFrame::index)
                .containsExactly(0L, 30L, 60L, 90L, 120L, 150L, 180L, 210L, 240L);
        List<ImageFrame> spread = readAll(video, FrameSampling.atMost(5));
        assertThat(spread).hasSize(5);
        assertThat(spread.get(0).timestamp().toMillis()).isBetween(1000L, 1200L);
        assertThat(spread.get(4).timestamp().toMillis()).isBetween(10000L, 10200L);
    }

    @Test
    void sceneChangeSamplingFindsEachCutOfASlideshow() {
        Path video = TestVideos.slideshow("scenes.avi", 320, 240, 10, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(1)),
                new TestVideos.Scene(TestMedia.skimage("chelsea.png"), Duration.ofSeconds(2))));
        List<ImageFrame> frames = readAll(video, FrameSampling.onSceneChange(0.1));
        assertThat(frames).extracting(f -> f.timestamp().toMillis()).containsExactly(0L, 2000L, 5000L);
    }

    @Test
    void reportsMediaInfoOfAVideoWithAudio() {
        MediaInfo info = MediaProbe.probe(MediaSource.of(TestMedia.opencv("Megamind.avi")));
        assertThat(info.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(info.width()).isEqualTo(720);
        assertThat(info.height()).isEqualTo(528);
        assertThat(info.frameRate()).isCloseTo(23.976, within(0.01));
        assertThat(info.duration().toMillis()).isCloseTo(11261L, within(50L));
        assertThat(info.videoCodec()).isEqualTo("mpeg4");
        assertThat(info.hasAudio()).isTrue();
    }

    @Test
    void rejectsMissingEmptyAndNonMediaFilesNamingTheFile(@TempDir Path dir) throws IOException {
        Path missing = dir.resolve("missing.mp4");
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        Path text = Files.writeString(dir.resolve("notes.mp4"), "this is not a video\n".repeat(100));
        assertThatThrownBy(() -> FrameReader.open(MediaSource.of(missing), FrameSampling.DEFAULT))
                .isInstanceOf(MediaDecodeException.class).hasMessageContaining(missing.toString()).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> FrameReader.open(MediaSource.of(empty), FrameSampling.DEFAULT))
                .isInstanceOf(MediaDecodeException.class).hasMessageContaining(empty.toString()).hasMessageContaining("empty");
        assertThatThrownBy(() -> FrameReader.open(MediaSource.of(text), FrameSampling.DEFAULT))
                .isInstanceOf(MediaDecodeException.class).hasMessageContaining(text.toString());
    }

    @Test
    void rejectsATruncatedMp4(@TempDir Path dir) throws IOException {
        Path video = TestVideos.synthetic("truncate-me.mp4", 320, 240, 25, Duration.ofSeconds(4));
        byte[] bytes = Files.readAllBytes(video);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));
        assertThatThrownBy(() -> readAll(truncated, FrameSampling.DEFAULT))
                .isInstanceOf(MediaDecodeException.class).hasMessageContaining(truncated.toString());
    }

    @Test
    void rejectsAudioOnlyMediaForFrameReading() {
        assertThatThrownBy(() -> FrameReader.open(MediaSource.of(TestAudio.sineWav()), FrameSampling.DEFAULT))
                .isInstanceOf(MediaDecodeException.class).hasMessageContaining("no video");
    }

    static List<ImageFrame> readAll(Path video, FrameSampling sampling) {
        List<ImageFrame> frames = new ArrayList<>();
        try (FrameReader reader = FrameReader.open(MediaSource.of(video), sampling)) {
            for (ImageFrame f = reader.next(); f != null; f = reader.next()) {
                frames.add(f);
            }
        }
        return frames;
    }

    private static int[] rgb(ImageFrame frame, int x, int y) {
        int i = 3 * (y * frame.width() + x);
        return new int[] {frame.rgb()[i] & 0xFF, frame.rgb()[i + 1] & 0xFF, frame.rgb()[i + 2] & 0xFF};
    }
}
