package io.visionpipeline.cloud;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.cloud.FallbackEvent.Cause;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.vastai.VastAiClient;
import io.visionpipeline.cloud.vastai.VastAiCredentials;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The acceptance case: with Vast.ai unreachable, the same BlazeFace pipeline finishes on the
 * default local fallback worker (an in-process RedisWorker with a local executor) and its report
 * and the cost report say that it fell back, and why.
 */
@Timeout(180)
class CloudFallbackPipelineTest {
    private final RedisQueueConfig queue = TestRedis.config().build();

    @AfterEach
    void clean() {
        TestRedis.deleteKeys(queue);
    }

    @Test
    void withTheCloudUnreachableTheSamePipelineFinishesLocallyAndReportsThatItFellBack() throws IOException {
        URI nowhere;
        try (ServerSocket socket = new ServerSocket(0)) {
            nowhere = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }
        VastAiClient unreachable = VastAiClient.builder().baseUri(nowhere).credentials(VastAiCredentials.of("vk-fallback-test-91f3"))
                .maxAttempts(2).backoff(Duration.ofMillis(10), Duration.ofMillis(20)).build();
        Autoscaler.Builder fleet = Autoscaler.builder(queue, unreachable)
                .worker(WorkerTemplate.builder("registry.example.com/vp-worker:test").redisUri("rediss://vps.example.com:6380").build())
                .budget(Budget.of(1.00, 5.00))
                .policy(ScalingPolicy.builder().tickInterval(Duration.ofMillis(200)).build());
        Path astronaut = TestMedia.skimage("astronaut.png");

        MediaReport viaCloud;
        CostReport costs;
        try (VastAiExecutor cloud = VastAiExecutor.builder(fleet).build();
             VisionPipeline pipeline = VisionPipeline.builder().faces().executor(cloud).build()) {
            viaCloud = pipeline.analyze(astronaut);
            costs = cloud.costReport();
        }
        MediaReport direct;
        try (VisionPipeline local = VisionPipeline.builder().faces().executor(LocalExecutor.withThreads(2)).build()) {
            direct = local.analyze(astronaut);
        }

        assertThat(viaCloud.totalFaces()).isEqualTo(1);
        assertThat(viaCloud.frames()).as("the same analysis as in-process").isEqualTo(direct.frames());
        assertThat(viaCloud.stages()).isEqualTo(direct.stages());
        assertThat(viaCloud.warnings()).singleElement().asString()
                .startsWith("Analysed on the local fallback worker vp").contains("not on a rented Vast.ai instance")
                .contains("CLOUD_UNREACHABLE").contains("cannot connect to " + nowhere);
        assertThat(costs.fellBack()).isTrue();
        assertThat(costs.fallbacks()).extracting(FallbackEvent::cause).containsOnly(Cause.CLOUD_UNREACHABLE);
        assertThat(costs.jobs(JobCost.Placement.LOCAL_FALLBACK)).isEqualTo(1);
        assertThat(costs.jobs()).singleElement().satisfies(j -> {
            assertThat(j.mediaId()).isEqualTo(astronaut.toAbsolutePath().toString());
            assertThat(j.cost()).isZero();
            assertThat(j.runTime()).isPositive();
        });
        assertThat(costs.spent()).isZero();
        assertThat(costs.instances()).isEmpty();
        assertThat(costs.toString()).contains("to local workers").contains("CLOUD_UNREACHABLE");
    }
}
