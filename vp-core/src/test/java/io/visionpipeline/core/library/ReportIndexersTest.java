package io.visionpipeline.core.library;

import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.library.LibraryDocuments;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextTrack;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The transcript and on-screen text indexers: what each report part becomes in the library. */
class ReportIndexersTest {
    private static final Polygon BOX = Polygon.of(0, 0, 10, 0, 10, 5, 0, 5);

    /** Records what an indexer puts out, one line per call. */
    static final class Recorder implements LibraryDocuments {
        final List<String> lines = new ArrayList<>();

        @Override
        public void text(String kind, Duration start, Duration end, String text) {
            lines.add(kind + " " + start.toMillis() + "-" + end.toMillis() + " " + text);
        }

        @Override
        public void vector(String kind, Duration at, Embedding vector, String snippet) {
            lines.add("vector " + kind);
        }

        @Override
        public void fact(Duration at, String fact) {
            lines.add("fact " + at.toMillis() + " " + fact);
        }
    }

    @Test
    void transcriptSegmentsBecomeDocumentsAndSpeechFacts() {
        MediaReport report = MediaReport.builder(new MediaInfo("talk.mp4", MediaKind.VIDEO, "mp4", Duration.ofSeconds(9), 640, 360, 25, 225, "h264", "aac"))
                .transcript(new Transcript("en", List.of(
                        new TranscriptSegment(Duration.ofMillis(500), Duration.ofMillis(2500), "The budget grows next year.", 0.9, List.of()),
                        new TranscriptSegment(Duration.ofMillis(3000), Duration.ofMillis(4000), "", 0.9, List.of()))))
                .build();
        Recorder out = new Recorder();
        new TranscriptIndexer().index(report, out);
        assertThat(out.lines).containsExactly("transcript 500-2500 The budget grows next year.",
                "fact 500 speech: The budget grows next year.", "transcript 3000-4000 ");
    }

    @Test
    void textTracksOfVideosAndLinesOfPicturesBecomeOcrDocuments() {
        MediaInfo video = new MediaInfo("slides.mp4", MediaKind.VIDEO, "mp4", Duration.ofSeconds(9), 640, 360, 25, 225, "h264", "");
        Recorder tracks = new Recorder();
        new ScreenTextIndexer().index(MediaReport.builder(video)
                .addFrame(FrameResult.builder(0, Duration.ZERO).text(List.of(new TextBlock("EXIT", BOX, 0.9))).build())
                .addTextTrack(new TextTrack("EXIT", Duration.ZERO, Duration.ofSeconds(3), 0.9, BOX, 4)).build(), tracks);
        assertThat(tracks.lines).containsExactly("ocr 0-3000 EXIT", "fact 0 on-screen text 'EXIT'");

        MediaInfo picture = new MediaInfo("messi5.jpg", MediaKind.IMAGE, "jpeg", Duration.ZERO, 548, 342, 0, 1, "mjpeg", "");
        Recorder lines = new Recorder();
        new ScreenTextIndexer().index(MediaReport.builder(picture).addFrame(FrameResult.builder(0, Duration.ZERO)
                .text(List.of(new TextBlock("unicef", BOX, 0.9), new TextBlock("WEEKmedia", BOX, 0.8))).build()).build(), lines);
        assertThat(lines.lines).containsExactly("ocr 0-0 unicef / WEEKmedia", "fact 0 on-screen text 'unicef / WEEKmedia'");
    }
}
