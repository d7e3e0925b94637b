package io.visionpipeline.core.engine;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.executor.FrameResultStream;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageStats;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(120)
class LocalExecutorTest {
    private static final Path VIDEO = TestMedia.opencv("vtest.avi"); // 79.5 s at 10 fps

    private static VisionPipeline pipeline(String probe, FrameSampling sampling, LocalExecutor executor, String... options) {
        String[] all = new String[options.length + 2];
        all[0] = "probe";
        all[1] = probe;
        System.arraycopy(options, 0, all, 2, options.length);
        return VisionPipeline.builder().sampling(sampling).faces("probe", StageOptions.of(all)).executor(executor).build();
    }

    private static String uniqueProbe() {
        return UUID.randomUUID().toString();
    }

    @Test
    void analysesAnImageIntoAOneFrameReport() {
        try (VisionPipeline vp = pipeline(uniqueProbe(), FrameSampling.DEFAULT, LocalExecutor.withThreads(2))) {
            MediaReport report = vp.analyze(TestMedia.skimage("coffee.png"));
            assertThat(report.media().kind()).isEqualTo(MediaKind.IMAGE);
            assertThat(report.frames()).hasSize(1);
            assertThat(report.stages()).singleElement().satisfies(s -> {
                assertThat(s.kind()).isEqualTo("faces");
                assertThat(s.provider()).isEqualTo("probe");
            });
            assertThat(report.schemaVersion()).isEqualTo(MediaReport.SCHEMA_VERSION);
        }
    }

    @Test
    void batchesFramesAndKeepsMediaOrder() {
        String probe = uniqueProbe();
        try (VisionPipeline vp = pipeline(probe, FrameSampling.everyNthFrame(5), LocalExecutor.withThreads(2), "delayMillis", "20")) {
            MediaReport report = vp.analyze(VIDEO);
            assertThat(report.frames()).hasSize(159);
            assertThat(report.frames()).extracting(FrameResult::index).isSorted().doesNotHaveDuplicates();
            StageStats stats = report.timings().stages().get(0);
            assertThat(stats.frames()).isEqualTo(159);
            assertThat(stats.batches()).isLessThan(159 / 2); // a slow stage lets batches fill up
            assertThat(ProbeFaceDetector.record(probe).batchSizes).anySatisfy(size -> assertThat(size).isGreaterThan(1));
            assertThat(ProbeFaceDetector.record(probe).batchSizes).allSatisfy(size -> assertThat(size).isLessThanOrEqualTo(8));
        }
    }

    @Test
    void runsBatchesOfAThreadSafeStageConcurrently() {
        String probe = uniqueProbe();
        try (VisionPipeline vp = pipeline(probe, FrameSampling.everyNthFrame(2), LocalExecutor.withThreads(3), "delayMillis", "30", "batchSize", "2")) {
            vp.analyze(VIDEO);
            assertThat(ProbeFaceDetector.record(probe).maxConcurrent.get()).isBetween(2, 3);
        }
    }

    @Test
    void decoderWaitsForASlowConsumerOfAStream() throws Exception {
        String probe = uniqueProbe();
        LocalExecutor executor = LocalExecutor.builder().threads(2).maxFramesInFlight(4).build();
        try (VisionPipeline vp = pipeline(probe, FrameSampling.everyNthFrame(2), executor);
             FrameResultStream frames = vp.stream(MediaSource.of(VIDEO))) {
            assertThat(frames.media().width()).isEqualTo(768);
            for (int consumed = 1; consumed <= 20; consumed++) {
                frames.next();
                Thread.sleep(20);
                // at most: 4 frames in flight + 4 waiting in the stream's queue + the one being handed over
                assertThat(ProbeFaceDetector.record(probe).framesSeen.get()).isLessThanOrEqualTo(consumed + 9L);
            }
        }
    }

    @Test
    void closingAStreamEarlyStopsDecoding() throws Exception {
        String probe = uniqueProbe();
        try (VisionPipeline vp = pipeline(probe, FrameSampling.everyNthFrame(1), LocalExecutor.withThreads(2))) {
            try (FrameResultStream frames = vp.stream(MediaSource.of(VIDEO))) {
                frames.next();
            }
            Thread.sleep(300);
            long seen = ProbeFaceDetector.record(probe).framesSeen.get();
            Thread.sleep(300);
            assertThat(ProbeFaceDetector.record(probe).framesSeen.get()).isEqualTo(seen).isLessThan(100);
            assertThat(vp.analyze(TestMedia.skimage("coffee.png")).frames()).hasSize(1); // the executor is still usable
        }
    }

    @Test
    void cancellingAJobStopsItAndFreesTheExecutor() throws Exception {
        String probe = uniqueProbe();
        try (VisionPipeline vp = pipeline(probe, FrameSampling.everyNthFrame(1), LocalExecutor.builder().threads(1).maxConcurrentMedia(1).build(),
                "delayMillis", "50")) {
            CompletableFuture<MediaReport> job = vp.submit(MediaSource.of(VIDEO));
            Thread.sleep(300);
            assertThat(job.cancel(true)).isTrue();
            assertThatThrownBy(job::join).isInstanceOf(CancellationException.class);
            long seen = ProbeFaceDetector.record(probe).framesSeen.get();
            assertThat(seen).isLessThan(200);
            // the single media slot is free again
            assertThat(vp.submit(MediaSource.of(TestMedia.skimage("coffee.png"))).get(30, TimeUnit.SECONDS).frames()).hasSize(1);
        }
    }

    @Test
    void stageFailureFailsTheJobNamingMediaAndStage() {
        try (VisionPipeline vp = pipeline(uniqueProbe(), FrameSampling.everyNthFrame(10), LocalExecutor.withThreads(2), "failAtIndex", "100")) {
            assertThatThrownBy(() -> vp.analyze(VIDEO))
                    .isInstanceOf(StageException.class)
                    .hasMessageContaining(VIDEO.toString())
                    .hasMessageContaining("faces");
        }
    }

    @Test
    void runningOutOfHeapInAStageFailsTheJobWithAHintInsteadOfHanging() {
        try (VisionPipeline vp = VisionPipeline.builder().sampling(FrameSampling.everyNthFrame(10))
                .faces("probe", StageOptions.of("probe", uniqueProbe(), "failAtIndex", "100", "failWith", "OutOfMemoryError"))
                .executor(LocalExecutor.withThreads(2)).build()) {
            assertThat(vp.submit(MediaSource.of(VIDEO)))
                    .failsWithin(Duration.ofSeconds(30))
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(StageException.class)
                    .withMessageContaining(VIDEO.toString())
                    .withMessageContaining("raise -Xmx");
        }
    }

    @Test
    void aJobPastItsDeadlineFails() {
        try (VisionPipeline vp = VisionPipeline.builder().sampling(FrameSampling.everyNthFrame(1))
                .faces("probe", StageOptions.of("probe", uniqueProbe(), "delayMillis", "50"))
                .executor(LocalExecutor.withThreads(1)).timeout(Duration.ofMillis(500)).build()) {
            assertThatThrownBy(() -> vp.analyze(VIDEO)).isInstanceOf(VisionPipelineException.class).hasMessageContaining("deadline");
        }
    }

    @Test
    void reportsProgressUpToTheEnd() {
        List<Progress> events = new CopyOnWriteArrayList<>();
        try (VisionPipeline vp = VisionPipeline.builder().sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces("probe", StageOptions.of("probe", uniqueProbe(), "delayMillis", "5"))
                .executor(LocalExecutor.withThreads(2)).progress(events::add).build()) {
            vp.analyze(VIDEO);
        }
        assertThat(events).isNotEmpty();
        assertThat(events).extracting(Progress::framesDone).isSorted();
        Progress last = events.get(events.size() - 1);
        assertThat(last.finished()).isTrue();
        assertThat(last.framesDone()).isEqualTo(80);
        assertThat(last.framesExpected()).isEqualTo(80);
        assertThat(last.fraction()).isEqualTo(1.0);
    }

    @Test
    void goodFilesStillProduceReportsBesideBadOnes(@TempDir Path dir) throws IOException {
        Files.copy(TestMedia.skimage("coffee.png"), dir.resolve("a-good.png"));
        Files.createFile(dir.resolve("b-empty.mp4"));
        Files.writeString(dir.resolve("c-text.mp4"), "not a video");
        Files.copy(TestMedia.skimage("chelsea.png"), dir.resolve("d-good.png"));
        Files.writeString(dir.resolve("notes.txt"), "not media, not scanned");
        try (VisionPipeline vp = pipeline(uniqueProbe(), FrameSampling.DEFAULT, LocalExecutor.withThreads(2))) {
            List<AnalysisResult> results = vp.analyzeAll(List.of(MediaSource.of(dir), MediaSource.of(dir.resolve("missing.mov"))));
            assertThat(results).hasSize(5);
            assertThat(results).filteredOn(AnalysisResult::isSuccess).extracting(r -> r.source().id())
                    .containsExactly(dir.resolve("a-good.png").toString(), dir.resolve("d-good.png").toString());
            assertThat(results).filteredOn(r -> !r.isSuccess()).allSatisfy(r -> {
                assertThat(r.error()).isInstanceOf(MediaDecodeException.class);
                assertThat(r.error().getMessage()).contains(r.source().id());
            });
        }
    }

    @Test
    void closingTheExecutorClosesItsStages() {
        String probe = uniqueProbe();
        VisionPipeline vp = pipeline(probe, FrameSampling.DEFAULT, LocalExecutor.withThreads(2));
        vp.analyze(TestMedia.skimage("coffee.png"));
        vp.close();
        assertThat(ProbeFaceDetector.record(probe).closed.get()).isEqualTo(1);
        assertThatThrownBy(() -> vp.submit(MediaSource.of(VIDEO)).get()).isInstanceOf(ExecutionException.class);
    }

    @Test
    void aSlideshowVideoKeepsExactSampleTimes() {
        Path video = TestVideos.slideshow("timing-20fps.avi", 160, 120, 20, List.of(
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(3))));
        try (VisionPipeline vp = pipeline(uniqueProbe(), FrameSampling.every(Duration.ofMillis(500)), LocalExecutor.withThreads(2))) {
            assertThat(vp.analyze(video).frames()).extracting(f -> f.timestamp().toMillis())
                    .containsExactly(0L, 500L, 1000L, 1500L, 2000L, 2500L);
        }
    }
}
