package io.visionpipeline.cloud;

import io.visionpipeline.cloud.vastai.InstanceRequest;
import io.visionpipeline.redis.queue.QueueKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What an instance is told: its onstart, run by bash as a Vast.ai host runs it, and its environment. */
class WorkerTemplateTest {

    @Test
    void theOnstartGivesVpWorkerTheQueueTheIdAndEveryOptionIntactWhenBashRunsIt(@TempDir Path dir) throws IOException, InterruptedException {
        WorkerTemplate template = WorkerTemplate.builder("registry.example.com/vp-worker:1").redisUri("rediss://vps.example.com:6380")
                .redisPassword("pw").concurrency(3).workerOptions("--visibility-timeout", "60s", "--redis-ca", "/etc/vp/it's my ca.pem").build();
        InstanceRequest request = template.request("vp-jobs.ab12.7", new QueueKeys("acme:", "uploads"));
        Path vp = dir.resolve("vp");
        Files.writeString(vp, "#!/usr/bin/env bash\nprintf '%s\\n' \"$@\"\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(vp, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder bash = new ProcessBuilder("bash", "-c", request.onstart()).redirectErrorStream(true);
        bash.environment().putAll(request.env());
        bash.environment().put("PATH", dir + ":" + System.getenv("PATH"));
        Process process = bash.start();
        List<String> args = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertThat(process.waitFor()).isZero();

        assertThat(args).containsExactly("worker", "--redis", "rediss://vps.example.com:6380", "--redis-prefix", "acme:", "--redis-queue", "uploads",
                "--id", "vp-jobs.ab12.7", "--concurrency", "3", "--allow-downloads", "--visibility-timeout", "60s", "--redis-ca",
                "/etc/vp/it's my ca.pem");
        assertThat(request.env()).containsEntry("VP_REDIS_PASSWORD", "pw").containsEntry("VP_WORKER_ID", "vp-jobs.ab12.7");
        assertThat(request.label()).isEqualTo("vp-jobs.ab12.7");
        assertThat(request.diskGb()).isEqualTo(WorkerTemplate.DEFAULT_DISK_GB);
        assertThat(request.image()).isEqualTo("registry.example.com/vp-worker:1");
    }

    @Test
    void aTemplateNeedsTheQueuesAddressAsInstancesSeeIt() {
        assertThatThrownBy(() -> WorkerTemplate.builder("img").build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redisUri");
        assertThatThrownBy(() -> WorkerTemplate.builder("img").redisUri("vps.example.com:6379"))
                .hasMessageContaining("redis[s]://host:port");
        assertThatThrownBy(() -> WorkerTemplate.builder(" ")).hasMessageContaining("docker/worker/Dockerfile");
    }

    @Test
    void optionsThatMakeTheOnstartTooLongAreRefusedBeforeRenting() {
        WorkerTemplate template = WorkerTemplate.builder("img").redisUri("redis://h:6379").workerOptions("--x", "y".repeat(4000)).build();
        assertThatThrownBy(() -> template.request("l", new QueueKeys("vp:", "jobs"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 4048");
    }
}
