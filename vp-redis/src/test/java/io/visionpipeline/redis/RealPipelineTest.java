package io.visionpipeline.redis;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The real pipeline through Redis: a worker runs BlazeFace on real media with its local executor
 * and the submitter gets the same report as the local executor gives.
 */
@Timeout(300)
class RealPipelineTest {
    private static RedisQueueConfig config;
    private static RedisWorker worker;
    private static VisionPipeline local;
    private static VisionPipeline remote;

    @BeforeAll
    static void start() {
        config = TestRedis.config().build();
        worker = RedisWorker.builder(config).concurrency(2).maxDeliveries(2).retryBackoff(Duration.ofMillis(50), Duration.ofMillis(100))
                .progressInterval(Duration.ofMillis(20)).start();
        local = VisionPipeline.builder().faces().executor(LocalExecutor.withThreads(2)).build();
        remote = VisionPipeline.builder().faces().executor(RedisExecutor.builder(config).build()).build();
    }

    @AfterAll
    static void stop() {
        remote.close();
        local.close();
        worker.close();
        TestRedis.deleteKeys(config);
    }

    private static void assertSameAnalysis(MediaReport remote, MediaReport local) {
        assertThat(remote.media()).isEqualTo(local.media());
        assertThat(remote.sampling()).isEqualTo(local.sampling());
        assertThat(remote.stages()).isEqualTo(local.stages());
        assertThat(remote.frames()).isEqualTo(local.frames());
        assertThat(remote.warnings()).isEqualTo(local.warnings());
    }

    @Test
    void aWorkerFindsTheAstronautsFaceAndTheSubmitterGetsTheLocalReport() {
        Path astronaut = TestMedia.skimage("astronaut.png");
        MediaReport viaRedis = remote.analyze(astronaut);
        assertSameAnalysis(viaRedis, local.analyze(astronaut));
        assertThat(viaRedis.totalFaces()).isEqualTo(1);
        assertThat(viaRedis.stages()).singleElement().satisfies(s -> assertThat(s.provider()).isEqualTo("blazeface"));
    }

    @Test
    void uploadedBytesTravelInlineAndGiveTheSameFaces() {
        Path astronaut = TestMedia.skimage("astronaut.png");
        MediaReport viaRedis = remote.analyze(MediaSource.of("upload-astronaut.png", () -> open(astronaut)));
        MediaReport direct = local.analyze(MediaSource.of("upload-astronaut.png", () -> open(astronaut)));
        assertThat(viaRedis.media().mediaId()).isEqualTo("upload-astronaut.png");
        assertSameAnalysis(viaRedis, direct);
        assertThat(viaRedis.totalFaces()).isEqualTo(1);
    }

    @Test
    void aVideosProgressMovesOnTheSubmitterWhileTheWorkerAnalysesIt() {
        List<Progress> events = new CopyOnWriteArrayList<>();
        Path video = TestMedia.opencv("Megamind.avi");
        FrameSampling sampling = FrameSampling.everyNthFrame(3);
        MediaReport viaRedis;
        try (VisionPipeline withProgress = VisionPipeline.builder().faces().sampling(sampling).progress(events::add)
                .executor(RedisExecutor.builder(config).build()).build()) {
            viaRedis = withProgress.analyze(video);
        }
        try (VisionPipeline direct = VisionPipeline.builder().faces().sampling(sampling).executor(LocalExecutor.withThreads(2)).build()) {
            assertSameAnalysis(viaRedis, direct.analyze(video));
        }
        assertThat(viaRedis.frames()).hasSizeGreaterThan(50);
        List<Progress> running = events.stream().filter(p -> !p.finished()).toList();
        assertThat(running).as("progress events from the worker").hasSizeGreaterThanOrEqualTo(2);
        assertThat(running).extracting(Progress::framesDone).isSorted();
        assertThat(running.get(0).fraction()).isLessThan(1.0);
        assertThat(events.get(events.size() - 1).finished()).isTrue();
        assertThat(events.get(events.size() - 1).framesDone()).isEqualTo(viaRedis.frames().size());
    }

    @Test
    void aBrokenFileFailsOnEveryDeliveryAndEndsWithTheDecodersErrorNamingIt(@TempDir Path dir) throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.mp4"));
        assertThatThrownBy(() -> remote.analyze(empty)).isInstanceOf(JobFailedException.class)
                .hasMessageContaining("Cannot decode '" + empty + "'")
                .hasMessageContaining("after 2 deliveries")
                .satisfies(e -> assertThat(((JobFailedException) e).errorType()).isEqualTo("io.visionpipeline.media.MediaDecodeException"));
    }

    private static java.io.InputStream open(Path file) {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
