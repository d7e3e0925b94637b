package io.visionpipeline.ocr;

import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextTrackerTest {
    private static final MediaInfo VIDEO = new MediaInfo("clip.mp4", MediaKind.VIDEO, "mp4", Duration.ofSeconds(30), 640, 360, 25, 750, "h264", "");

    private static TextBlock block(String text, double x, double y, double confidence) {
        return new TextBlock(text, Polygon.of(x, y, x + 200, y, x + 200, y + 30, x, y + 30), confidence);
    }

    /** Feeds one list of blocks per second and returns the tracks. */
    private static List<TextTrack> track(TextTracker tracker, List<List<TextBlock>> frames) {
        for (int i = 0; i < frames.size(); i++) {
            List<TextBlock> blocks = frames.get(i);
            assertThat(tracker.onFrame(i * 25L, Duration.ofSeconds(i), blocks)).isSameAs(blocks);
        }
        MediaReport.Builder report = MediaReport.builder(VIDEO);
        tracker.finish(report);
        return report.build().textTracks();
    }

    @Test
    void nearlyIdenticalReadingsInConsecutiveFramesBecomeOneTrackWithTheBestReading() {
        List<TextTrack> tracks = track(new TextTracker(), List.of(
                List.of(),
                List.of(block("Breaking News: storm", 10, 300, 0.81)),
                List.of(block("BREAKING NEWS: storm", 11, 301, 0.97)),
                List.of(block("Breaking News: stonn", 10, 300, 0.75)),
                List.of()));
        assertThat(tracks).singleElement().satisfies(t -> {
            assertThat(t.text()).isEqualTo("BREAKING NEWS: storm");
            assertThat(t.start()).isEqualTo(Duration.ofSeconds(1));
            assertThat(t.end()).isEqualTo(Duration.ofSeconds(3));
            assertThat(t.frames()).isEqualTo(3);
            assertThat(t.confidence()).isEqualTo(0.97);
            assertThat(t.polygon().bounds().x()).isEqualTo(11);
        });
    }

    @Test
    void differentTextsAreSeparateTracksAndTheSameTextTwiceInAFrameIsTwoTracks() {
        List<TextTrack> tracks = track(new TextTracker(), List.of(
                List.of(block("EXIT", 10, 10, 0.9), block("EXIT", 500, 10, 0.9), block("Platform 5", 10, 300, 0.9)),
                List.of(block("EXIT", 12, 10, 0.9), block("EXIT", 498, 10, 0.9), block("Platform 9 3/4", 10, 300, 0.9))));
        assertThat(tracks).extracting(TextTrack::text).containsExactlyInAnyOrder("EXIT", "EXIT", "Platform 5", "Platform 9 3/4");
        assertThat(tracks).filteredOn(t -> t.text().equals("EXIT")).allSatisfy(t -> assertThat(t.frames()).isEqualTo(2));
        assertThat(tracks).filteredOn(t -> t.text().startsWith("Platform")).allSatisfy(t -> assertThat(t.frames()).isEqualTo(1));
    }

    @Test
    void aTrackSurvivesOneMissedFrameByDefaultButNotTwo() {
        TextBlock title = block("Chapter One", 50, 50, 0.9);
        assertThat(track(new TextTracker(), List.of(List.of(title), List.of(), List.of(title))))
                .singleElement().satisfies(t -> assertThat(t.end()).isEqualTo(Duration.ofSeconds(2)));
        assertThat(track(new TextTracker(), List.of(List.of(title), List.of(), List.of(), List.of(title)))).hasSize(2);
        assertThat(track(new TextTracker(0.3, 0), List.of(List.of(title), List.of(), List.of(title)))).hasSize(2);
    }

    @Test
    void stillImagesGetNoTracksAndSettingsAreValidated() {
        MediaInfo image = new MediaInfo("a.png", MediaKind.IMAGE, "png", Duration.ZERO, 10, 10, 0, 1, "png", "");
        TextRecognizer recognizer = new TextRecognizer() {
            @Override
            public List<List<TextBlock>> process(List<io.visionpipeline.media.ImageFrame> frames) {
                return frames.stream().map(f -> List.<TextBlock>of()).toList();
            }

            @Override
            public String modelName() {
                return "none";
            }
        };
        assertThat(recognizer.newAggregator(image)).isNotInstanceOf(TextTracker.class);
        assertThat(recognizer.newAggregator(VIDEO)).isInstanceOf(TextTracker.class);
        assertThatThrownBy(() -> new TextTracker(1.0, 1)).hasMessageContaining("maxDistance");
        assertThatThrownBy(() -> new TextTracker(0.2, -1)).hasMessageContaining("maxMissedFrames");
    }
}
