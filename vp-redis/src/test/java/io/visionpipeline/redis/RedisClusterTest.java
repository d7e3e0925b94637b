package io.visionpipeline.redis;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.JobOutcome;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.testing.RedisServer;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue on a real three-node Redis Cluster: its multi-key scripts only run because every key
 * of a queue shares one hash tag (a cluster refuses cross-slot scripts with CROSSSLOT).
 */
@Timeout(180)
class RedisClusterTest {
    private static final PipelineSpec SPEC = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));

    @Test
    void jobsRunOnAThreeNodeClusterWithAPoisonJobDeadLettered(@TempDir Path dir) throws Exception {
        List<RedisServer> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.start(dir.resolve("node-" + i), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf"));
            }
            createCluster(nodes);
            for (String queue : List.of("a", "b")) {
                RedisQueueConfig config = TestRedis.config(nodes.get(0).uri()).cluster().queue(queue).build();
                try (RedisWorker ignored = RedisWorker.builder(config).concurrency(8).executor(EchoExecutor.instant()).maxDeliveries(2)
                        .retryBackoff(Duration.ofMillis(20), Duration.ofMillis(50)).visibilityTimeout(Duration.ofSeconds(2)).start();
                     RedisExecutor executor = RedisExecutor.builder(config).build()) {
                    List<CompletableFuture<MediaReport>> futures = new ArrayList<>();
                    for (int i = 0; i < 200; i++) {
                        futures.add(executor.submit(new AnalysisJob(queue + i, MediaSource.of(Path.of("/media/" + i + ".png")), SPEC, null),
                                ProgressListener.NONE));
                    }
                    CompletableFuture<MediaReport> poison = executor.submit(new AnalysisJob(queue + "-poison",
                            MediaSource.of(Path.of("/media/poison.png")), SPEC, null), ProgressListener.NONE);
                    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
                    assertThat(poison).failsWithin(Duration.ofSeconds(30));
                    Map<String, JobOutcome> outcomes = executor.queue().results()
                            .get(IntStream.range(0, 200).mapToObj(i -> queue + i).toList()).get(10, TimeUnit.SECONDS);
                    assertThat(outcomes).hasSize(200);
                    assertThat(executor.queue().deadLetters(10)).hasSize(1);
                }
            }
        } finally {
            nodes.forEach(RedisServer::close);
        }
    }

    private static void createCluster(List<RedisServer> nodes) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        nodes.forEach(n -> command.add("127.0.0.1:" + n.port()));
        command.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process create = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(create.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(create.waitFor(60, TimeUnit.SECONDS) && create.exitValue() == 0).as(out).isTrue();
        for (RedisServer node : nodes) {
            RedisExecutorTest.awaitTrue(() -> clusterInfo(node).contains("cluster_state:ok"));
        }
    }

    private static String clusterInfo(RedisServer node) {
        try {
            Process info = new ProcessBuilder("redis-cli", "-p", String.valueOf(node.port()), "cluster", "info").redirectErrorStream(true).start();
            String out = new String(info.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            info.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
