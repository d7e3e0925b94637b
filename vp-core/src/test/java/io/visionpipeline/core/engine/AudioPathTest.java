package io.visionpipeline.core.engine;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.report.StageStats;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The engine's audio path, observed with the probe transcriber (one segment per 1 s clip it reads). */
@Timeout(120)
class AudioPathTest {
    private static final Path MEGAMIND = TestMedia.opencv("Megamind.avi"); // 11.26 s of video with an audio track
    private static final Path NO_AUDIO = TestMedia.opencv("vtest.avi");

    private static StageSpec speechProbe(String probe, String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "probe";
        all[1] = probe;
        System.arraycopy(options, 0, all, 2, options.length);
        return new StageSpec(StageKinds.SPEECH.name(), "probe", StageOptions.of(all).asMap());
    }

    private static VisionPipeline speechOnly(String probe, String... options) {
        return VisionPipeline.builder().stage(speechProbe(probe, options)).executor(LocalExecutor.withThreads(2)).build();
    }

    private static String uniqueProbe() {
        return UUID.randomUUID().toString();
    }

    @Test
    void aSpeechOnlyPipelineReadsAnAudioOnlyFileAs16kHzClipsOnAnAudioThread() {
        String probe = uniqueProbe();
        try (VisionPipeline vp = speechOnly(probe)) {
            MediaReport report = vp.analyze(TestAudio.sineWav()); // 2 s, 44.1 kHz stereo
            assertThat(report.media().kind()).isEqualTo(MediaKind.AUDIO);
            assertThat(report.frames()).isEmpty();
            assertThat(report.transcript().segments()).extracting(s -> s.start().toMillis()).containsExactly(0L, 1000L);
            assertThat(report.transcript().segments().get(1).end().toMillis()).isCloseTo(2000L, within(20L));
            assertThat(report.stages()).extracting(StageRun::kind, StageRun::provider).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("speech", "probe"));
            StageStats stats = report.timings().stages().get(0);
            assertThat(stats.kind()).isEqualTo("speech");
            assertThat(stats.frames()).isEqualTo(2);
            ProbeTranscriber.Record record = ProbeTranscriber.record(probe);
            assertThat(record.sampleRates).containsOnly(16_000);
            assertThat(record.threads).singleElement().satisfies(t -> assertThat(t).startsWith("vp-audio"));
        }
    }

    @Test
    void mediaWithoutAnAudioTrackAndImagesGiveAnEmptyTranscript() {
        try (VisionPipeline vp = speechOnly(uniqueProbe())) {
            for (Path silent : new Path[] {NO_AUDIO, TestMedia.skimage("coffee.png")}) {
                MediaReport report = vp.analyze(silent);
                assertThat(report.transcript()).isEqualTo(Transcript.EMPTY);
                assertThat(report.frames()).isEmpty();
                assertThat(report.stages()).extracting(StageRun::kind).containsExactly("speech");
            }
        }
    }

    @Test
    void frameAndAudioStagesRunTogetherOnOneVideo() {
        String faces = uniqueProbe();
        String speech = uniqueProbe();
        try (VisionPipeline vp = VisionPipeline.builder().sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces("probe", StageOptions.of("probe", faces))
                .stage(speechProbe(speech, "delayMillis", "20"))
                .executor(LocalExecutor.withThreads(2)).build()) {
            MediaReport report = vp.analyze(MEGAMIND);
            assertThat(report.frames()).hasSize(12);
            assertThat(report.transcript().segments()).hasSize(12);
            TranscriptSegment last = report.transcript().segments().get(11);
            assertThat(last.end().toMillis()).isCloseTo(11_261L, within(150L));
            assertThat(report.stages()).extracting(StageRun::kind).containsExactly("faces", "speech");
            assertThat(report.timings().stages()).extracting(StageStats::kind).containsExactly("faces", "speech");
            assertThat(ProbeFaceDetector.record(faces).framesSeen.get()).isEqualTo(12);
        }
    }

    @Test
    void anAudioOnlyFileUnderFrameAndAudioStagesHasNoFramesButATranscript() {
        try (VisionPipeline vp = VisionPipeline.builder().faces("probe", StageOptions.of("probe", uniqueProbe()))
                .stage(speechProbe(uniqueProbe())).executor(LocalExecutor.withThreads(2)).build()) {
            MediaReport report = vp.analyze(TestAudio.sineWav());
            assertThat(report.frames()).isEmpty();
            assertThat(report.transcript().segments()).hasSize(2);
        }
    }

    @Test
    void anAudioOnlyFileUnderFrameStagesAloneIsStillAnError() {
        try (VisionPipeline vp = VisionPipeline.builder().faces("probe", StageOptions.of("probe", uniqueProbe()))
                .executor(LocalExecutor.withThreads(2)).build()) {
            assertThatThrownBy(() -> vp.analyze(TestAudio.sineWav()))
                    .isInstanceOf(MediaDecodeException.class).hasMessageContaining("audio only");
        }
    }

    @Test
    void anAudioStageFailureFailsTheJobNamingMediaAndStage() {
        try (VisionPipeline vp = speechOnly(uniqueProbe(), "failAtClip", "3")) {
            assertThatThrownBy(() -> vp.analyze(MEGAMIND))
                    .isInstanceOf(StageException.class)
                    .hasMessageContaining(MEGAMIND.toString())
                    .hasMessageContaining("speech")
                    .hasMessageContaining("probe told to fail at clip 3");
            assertThat(vp.analyze(TestAudio.sineWav()).transcript().segments()).hasSize(2); // still usable
        }
    }

    @Test
    void cancellingAJobStopsItsAudioStage() throws Exception {
        String probe = uniqueProbe();
        try (VisionPipeline vp = speechOnly(probe, "delayMillis", "200")) {
            CompletableFuture<MediaReport> job = vp.submit(MediaSource.of(MEGAMIND));
            Thread.sleep(500);
            assertThat(job.cancel(true)).isTrue();
            assertThatThrownBy(job::join).isInstanceOf(CancellationException.class);
            Thread.sleep(500);
            long seen = ProbeTranscriber.record(probe).clipsSeen.get();
            Thread.sleep(500);
            assertThat(ProbeTranscriber.record(probe).clipsSeen.get()).isEqualTo(seen).isLessThan(12);
        }
    }

    @Test
    void anAudioStagePastTheDeadlineFailsTheJob() {
        try (VisionPipeline vp = VisionPipeline.builder().stage(speechProbe(uniqueProbe(), "delayMillis", "200"))
                .executor(LocalExecutor.withThreads(1)).timeout(Duration.ofMillis(600)).build()) {
            assertThatThrownBy(() -> vp.analyze(MEGAMIND)).isInstanceOf(VisionPipelineException.class).hasMessageContaining("deadline");
        }
    }

    @Test
    void aStreamReadByFrameAndAudioStagesIsOpenedOnce() throws Exception {
        AtomicInteger opens = new AtomicInteger();
        MediaSource stream = MediaSource.of("megamind-upload.avi", () -> {
            opens.incrementAndGet();
            try {
                return Files.newInputStream(MEGAMIND);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        try (VisionPipeline vp = VisionPipeline.builder().faces("probe", StageOptions.of("probe", uniqueProbe()))
                .stage(speechProbe(uniqueProbe())).executor(LocalExecutor.withThreads(2)).build()) {
            MediaReport report = vp.submit(stream).get(60, TimeUnit.SECONDS);
            assertThat(opens.get()).isEqualTo(1);
            assertThat(report.media().mediaId()).isEqualTo("megamind-upload.avi");
            assertThat(report.frames()).hasSize(12);
            assertThat(report.transcript().segments()).hasSize(12);
        }
    }

    @Test
    void closingTheExecutorClosesAudioStages() {
        String probe = uniqueProbe();
        VisionPipeline vp = speechOnly(probe);
        vp.analyze(TestAudio.sineWav());
        vp.close();
        assertThat(ProbeTranscriber.record(probe).closed.get()).isEqualTo(1);
    }
}
