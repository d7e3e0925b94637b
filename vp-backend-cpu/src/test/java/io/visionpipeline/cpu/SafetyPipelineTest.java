package io.visionpipeline.cpu;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.FlaggedRange;
import io.visionpipeline.safety.SafetySummary;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * The {@code nsfw} stage in a pipeline: frame scores in media order, and the per-media summary
 * its aggregator adds to the report. No NSFW content can be committed to a test, so the frames
 * to flag are opencv-doc's apple.jpg, which nsfwjs scores 0.58 unsafe ("porn") as a still — a
 * false positive of the model on a round, skin-coloured shape — and 0.18 once encoded into an
 * MPEG-4 video, against 0.001 for coffee.png: real scores of the real model, flagged with a strict
 * user threshold of 0.1.
 */
class SafetyPipelineTest {
    private static final Logger LOG = LoggerFactory.getLogger(SafetyPipelineTest.class);
    private static VisionPipeline pipeline;
    private static VisionPipeline strict;

    @BeforeAll
    static void build() {
        pipeline = VisionPipeline.builder().nsfw().sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .executor(LocalExecutor.withThreads(2)).build();
        strict = VisionPipeline.builder().stage(new StageSpec("nsfw", "nsfwjs", Map.of("threshold", "0.1")))
                .sampling(FrameSampling.every(Duration.ofSeconds(1))).executor(LocalExecutor.withThreads(2)).build();
    }

    @AfterAll
    static void close() {
        pipeline.close();
        strict.close();
    }

    @Test
    void flaggedFramesOfAVideoBecomeTimeRangesInTheReport() {
        // 0–2 s coffee, 2–5 s apple, 5–7 s coffee, 7–8 s apple, 8–9 s coffee: 25 fps, 512×512 (apple.jpg's size)
        Path video = TestVideos.slideshow("coffee-apple-coffee-apple-coffee.avi", 512, 512, 25, List.of(
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.opencv("apple.jpg"), Duration.ofSeconds(3)),
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.opencv("apple.jpg"), Duration.ofSeconds(1)),
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(1))));
        MediaReport report = strict.analyze(video);
        report.frames().forEach(f -> LOG.info("{} s: {}", f.timestamp().toMillis() / 1000.0, f.safety()));
        assertThat(report.frames()).extracting(f -> f.safety().flagged())
                .containsExactly(false, false, true, true, true, false, false, true, false);
        SafetySummary summary = report.safety();
        LOG.info("{}", summary);
        assertThat(summary.frames()).isEqualTo(9);
        assertThat(summary.flaggedFrames()).isEqualTo(4);
        assertThat(summary.flaggedShare()).isCloseTo(4 / 9.0, within(1e-9));
        assertThat(summary.threshold()).isEqualTo(0.1);
        assertThat(summary.maxUnsafe()).isEqualTo(report.frames().stream().mapToDouble(f -> f.safety().unsafe()).max().orElseThrow());
        assertThat(summary.maxUnsafeAt()).isIn(Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(4), Duration.ofSeconds(7));
        assertThat(summary.flaggedRanges()).extracting(FlaggedRange::start, FlaggedRange::end, FlaggedRange::frames).containsExactly(
                tuple(Duration.ofSeconds(2), Duration.ofSeconds(4), 3), tuple(Duration.ofSeconds(7), Duration.ofSeconds(7), 1));
        assertThat(ReportJson.fromJson(ReportJson.toJson(report)).safety()).isEqualTo(summary);
    }

    @Test
    void aSafeImageGetsOneUnflaggedScoreAndASummaryOfOneFrame() {
        MediaReport report = pipeline.analyze(TestMedia.skimage("astronaut.png"));
        FrameResult frame = report.frames().get(0);
        assertThat(frame.safety().flagged()).isFalse();
        assertThat(report.safety().frames()).isEqualTo(1);
        assertThat(report.safety().flaggedRanges()).isEmpty();
        assertThat(report.stages()).singleElement().satisfies(s -> {
            assertThat(s.provider()).isEqualTo("nsfwjs");
            assertThat(s.model()).isEqualTo("nsfwjs-mobilenet-v2 (224x224, letterbox)");
        });
    }
}
