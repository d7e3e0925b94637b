package io.visionpipeline.redis;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.JobQueue;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.queue.RedisQueueException;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.testing.RedisServer;
import io.visionpipeline.redis.testing.TestCertificates;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Redis URIs with AUTH (password, ACL user) and TLS against real redis-server processes on their
 * own ports, and the clear errors (within the connect timeout) for a wrong password, a TLS
 * mismatch and an unreachable host.
 */
@Timeout(120)
class ConnectionTest {
    private static final Duration TIMEOUT = Duration.ofMillis(1500);
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String PASSWORD = "s3cret-pa55";

    @TempDir
    static Path dir;
    private static RedisServer protectedServer;
    private static RedisServer tlsServer;
    private static TestCertificates certificates;

    @BeforeAll
    static void startServers() throws IOException, InterruptedException {
        protectedServer = RedisServer.start(dir.resolve("auth"), "--requirepass", PASSWORD, "--user", "alice", "on", ">wonderland", "~*", "&*", "+@all");
        certificates = TestCertificates.create(java.nio.file.Files.createDirectories(dir.resolve("certs")));
        tlsServer = RedisServer.startTls(dir.resolve("tls"), certificates);
    }

    @AfterAll
    static void stopServers() {
        protectedServer.close();
        tlsServer.close();
    }

    private static RedisQueueConfig.Builder config(String uri) {
        return TestRedis.config(uri).connectTimeout(TIMEOUT).commandTimeout(Duration.ofSeconds(3));
    }

    /** Connecting fails with a RedisQueueException naming the server and the problem, within the timeout. */
    private static RedisQueueException failsToConnect(RedisQueueConfig config) {
        long start = System.nanoTime();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> JobQueue.connect(config).close());
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(thrown).isInstanceOf(RedisQueueException.class).hasMessageStartingWith("Cannot connect to Redis at ");
        assertThat(took).as("failed within the connect timeout").isLessThan(TIMEOUT.plus(SLACK));
        return (RedisQueueException) thrown;
    }

    @Test
    void aPasswordInTheUriOrSetApartAuthenticates() {
        try (JobQueue queue = JobQueue.connect(config("redis://:" + PASSWORD + "@127.0.0.1:" + protectedServer.port()).build())) {
            assertThat(queue.stats().waiting()).isZero();
        }
        try (JobQueue queue = JobQueue.connect(config(protectedServer.uri()).password(PASSWORD).build())) {
            assertThat(queue.stats().waiting()).isZero();
        }
        try (JobQueue queue = JobQueue.connect(config("redis://alice:wonderland@127.0.0.1:" + protectedServer.port()).build())) {
            assertThat(queue.stats().waiting()).isZero();
        }
    }

    @Test
    void aWrongPasswordIsAClearErrorThatNeverShowsThePassword() {
        RedisQueueException e = failsToConnect(config("redis://:wrong-guess@127.0.0.1:" + protectedServer.port()).build());
        assertThat(e).hasMessageContaining("refused the credentials").hasMessageContaining("check the user and password")
                .hasMessageContaining("127.0.0.1:" + protectedServer.port());
        assertThat(e.getMessage()).doesNotContain("wrong-guess");

        RedisQueueException user = failsToConnect(config("redis://alice:nope@127.0.0.1:" + protectedServer.port()).build());
        assertThat(user).hasMessageContaining("refused the credentials").hasMessageContaining("redis://alice@127.0.0.1");
        assertThat(user.getMessage()).doesNotContain("nope");
    }

    @Test
    void aMissingPasswordSaysTheServerRequiresOne() {
        assertThat(failsToConnect(config(protectedServer.uri()).build())).hasMessageContaining("requires a password");
    }

    @Test
    void tlsWithTheServersCaTrustedRunsJobs() throws Exception {
        RedisQueueConfig config = config("rediss://localhost:" + tlsServer.port()).trustedCertificates(certificates.ca()).build();
        try (RedisWorker ignored = RedisWorker.builder(config).executor(EchoExecutor.instant()).start();
             RedisExecutor executor = RedisExecutor.builder(config).build()) {
            PipelineSpec spec = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));
            MediaReport report = executor.submit(new AnalysisJob("tls-1", MediaSource.of(Path.of("/media/tls.png")), spec, null),
                    ProgressListener.NONE).get(30, TimeUnit.SECONDS);
            assertThat(report.media().mediaId()).isEqualTo("/media/tls.png");
        }
    }

    @Test
    void anUntrustedServerCertificateIsAClearError() {
        assertThat(failsToConnect(config("rediss://localhost:" + tlsServer.port()).build()))
                .hasMessageContaining("certificate is not trusted").hasMessageContaining("trustedCertificates");
    }

    @Test
    void plainRedisToATlsPortIsAClearError() {
        assertThat(failsToConnect(config("redis://127.0.0.1:" + tlsServer.port()).build())).hasMessageContaining("use rediss://");
    }

    @Test
    void tlsToAPlainPortIsAClearError() {
        assertThat(failsToConnect(config("rediss://127.0.0.1:" + protectedServer.port()).trustedCertificates(certificates.ca()).build()))
                .hasMessageContaining("TLS").hasMessageContaining("use redis://");
    }

    @Test
    void aClosedPortIsAClearError() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        assertThat(failsToConnect(config("redis://127.0.0.1:" + port).build()))
                .hasMessageContaining("connection refused").hasMessageContaining("is redis-server running");
    }

    @Test
    void aHostThatNeverAnswersFailsWithinTheConnectTimeout() throws IOException {
        List<Socket> accepted = new ArrayList<>();
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    accepted.forEach(s -> {
                        try {
                            s.close();
                        } catch (IOException ignored) {
                            // closing a test socket
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            assertThat(failsToConnect(config("redis://127.0.0.1:" + silent.getLocalPort()).build()))
                    .hasMessageContaining("no answer within 1500 ms");
        }
    }

    @Test
    void anUnknownHostIsAClearError() {
        assertThat(failsToConnect(config("redis://no-such-host.invalid:6379").build())).hasMessageContaining("unknown host");
    }

    @Test
    void aMalformedUriAndTlsFilesWithAPlainUriAreRefusedWhenConfigured() {
        assertThatThrownBy(() -> RedisQueueConfig.create("http://user:pw@host"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Not a Redis URI").hasMessageNotContaining("pw");
        assertThatThrownBy(() -> RedisQueueConfig.builder("redis://host").trustedCertificates(certificates.ca()).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("use rediss://");
        assertThat(RedisQueueConfig.create("redis://:hunter2@host:6380").toString()).doesNotContain("hunter2").contains("host:6380");
    }
}
