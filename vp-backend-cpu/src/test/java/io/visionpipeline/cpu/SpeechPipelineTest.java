package io.visionpipeline.cpu;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.speech.SubtitleFormat;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestSpeech;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole speech path inside the engine: a video whose soundtrack is espeak-ng speech, muxed with
 * JavaCV, analysed by faces and speech together. Whisper runs the generated tiny model (random
 * weights), so the words are noise; where the segments lie is not.
 */
@Timeout(300)
class SpeechPipelineTest {
    private static TestSpeech.Utterances speech;
    private static Path video;
    private static VisionPipeline pipeline;

    @BeforeAll
    static void build() {
        // 3 s of silence, three sentences 2 s apart, 3 s of silence; pictures: astronaut, then coffee
        speech = TestSpeech.utterances("pipeline-speech.wav", Duration.ofSeconds(3), Duration.ofSeconds(2),
                "Here is the astronaut in her orange suit.",
                "Next we look at a cup of coffee.",
                "That is all for today.");
        video = TestVideos.slideshow("astronaut-coffee-speech.mp4", 640, 480, 25, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(8)),
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(10))), speech.wav());
        pipeline = VisionPipeline.builder().sampling(FrameSampling.every(Duration.ofSeconds(2))).faces()
                .stage(new StageSpec(StageKinds.SPEECH.name(), "whisper", Map.of(
                        "model", io.visionpipeline.cpu.whisper.TestModels.tinyWhisper().toString(), "temperatureFallback", "false")))
                .executor(LocalExecutor.withThreads(2)).build();
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void aVideoWithSpeechGetsTranscriptSegmentsInsideTheSpeechAndFacesInItsFrames() {
        MediaReport report = pipeline.analyze(video);
        assertThat(report.stages()).extracting(StageRun::kind, StageRun::provider).containsExactly(
                org.assertj.core.groups.Tuple.tuple("faces", "blazeface"), org.assertj.core.groups.Tuple.tuple("speech", "whisper"));
        assertThat(report.frames()).hasSize(9);
        assertThat(report.frames().get(0).faces()).hasSize(1);
        assertThat(report.frames().get(8).faces()).isEmpty();

        Transcript transcript = report.transcript();
        assertThat(transcript.segments()).isNotEmpty();
        assertThat(transcript.language()).isNotEmpty();
        Duration firstWord = speech.spans().get(0).start();
        Duration lastWord = speech.spans().get(2).end();
        Duration tolerance = Duration.ofMillis(100);
        for (TranscriptSegment segment : transcript.segments()) {
            assertThat(segment.start()).as("start of %s", segment).isGreaterThanOrEqualTo(firstWord.minus(tolerance));
            assertThat(segment.end()).as("end of %s", segment).isLessThanOrEqualTo(lastWord.plus(tolerance));
        }
        assertThat(ReportJson.fromJson(ReportJson.toJson(report)).transcript()).isEqualTo(transcript);
        assertThat(SubtitleFormat.SRT.format(transcript)).startsWith("1\n00:00:0");
    }

    @Test
    void anAudioOnlyFileIsTranscribedAndGetsNoFrames() {
        Path mp3 = TestVideos.ffmpeg("pipeline-speech.mp3", "-i", speech.wav().toString(), "-c:a", "libmp3lame");
        MediaReport report = pipeline.analyze(mp3);
        assertThat(report.frames()).isEmpty();
        assertThat(report.transcript().segments()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.start()).isGreaterThanOrEqualTo(speech.spans().get(0).start().minusMillis(100)));
    }

    @Test
    void aVideoWithoutSoundGetsAnEmptyTranscriptNotAnError() {
        MediaReport report = pipeline.analyze(TestMedia.opencv("vtest.avi"));
        assertThat(report.transcript()).isEqualTo(Transcript.EMPTY);
        assertThat(report.frames()).isNotEmpty();
    }
}
