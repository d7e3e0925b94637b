package io.visionpipeline.cli;

import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code vp worker} and {@code vp analyze --redis} as child processes, against the real Redis. */
@Timeout(240)
class WorkerCommandTest {

    @Test
    void aWorkerProcessAnalysesWhatAnalyzeSubmitsThroughRedisAndStopsGracefullyOnSigterm(@TempDir Path dir) throws Exception {
        String prefix = "vptest-cli-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        Path log = dir.resolve("worker.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), VpCommand.class.getName(),
                "worker", "--redis", TestRedis.URI, "--redis-prefix", prefix, "--concurrency", "2", "--id", "cli-worker",
                "--allow-downloads"));
        Process worker = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(log).contains("vp worker cli-worker: taking jobs from redis://127.0.0.1:6379 queue " + prefix + "{jobs}")) {
                assertThat(worker.isAlive()).as(Files.readString(log)).isTrue();
                assertThat(System.nanoTime()).as("worker started").isLessThan(until);
                Thread.sleep(100);
            }
            VpCommandTest.Run run = VpCommandTest.vp("analyze", TestMedia.skimage("astronaut.png").toString(), "--no-progress",
                    "--redis", TestRedis.URI, "--redis-prefix", prefix);
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(run.out()).contains("astronaut.png").contains("faces (blazeface-short").contains("1 in 1 of 1 frame(s)");

            worker.destroy();
            assertThat(worker.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(worker.exitValue()).as("the JVM's status after SIGTERM: 128 + 15").isEqualTo(143);
            assertThat(Files.readString(log, StandardCharsets.UTF_8)).contains("vp worker cli-worker: stopped (1 completed, 0 failed, 0 retried)");
        } finally {
            worker.destroyForcibly();
            TestRedis.deleteKeys(TestRedis.URI, prefix);
        }
    }

    @Test
    void anUnreachableRedisIsAOneLineError() throws Exception {
        VpCommandTest.Run run = VpCommandTest.vp("worker", "--redis", "redis://127.0.0.1:1");
        assertThat(run.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(run.err().strip()).startsWith("vp: Cannot connect to Redis at redis://127.0.0.1:1: connection refused");
    }

    @Test
    void theWorkerCommandHasHelp() throws Exception {
        VpCommandTest.Run run = VpCommandTest.vp("worker", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("Usage: vp worker").contains("--redis=<uri>").contains("--visibility-timeout");
    }
}
