package io.visionpipeline.benchmarks.redis;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.RedisExecutor;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestVideos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Jobs per second end to end — {@code submit} to completed future — through Redis with 4 workers,
 * against the same work run in-process, in one run:
 * <ul>
 *   <li>{@code work=echo}: the trivial stage (each job answered at once with a one-frame report), so
 *       the figure is the distribution layer itself: XADD, XREADGROUP with COUNT, batched acks,
 *       the outcome written and read back, the completion event. {@code executor=local} runs the
 *       same echo in-process: the baseline without any queue.</li>
 *   <li>{@code work=engine}: the {@link LocalExecutor} with a no-op face stage (the engine's probe,
 *       batches of one) on a 64×64 PNG, so every job opens and decodes an image:
 *       {@code executor=local} is one local executor decoding 32 media at once,
 *       {@code executor=redis} a local executor decoding 8 at once inside each of the 4 workers.</li>
 * </ul>
 * The 4 workers run in the benchmark's JVM, each with its own connections (64 jobs at once for
 * echo, 8 for the engine); Redis is the one at {@code -Dvp.bench.redis} (default
 * {@code redis://127.0.0.1:6379}), under a fresh key prefix deleted afterwards.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run RedisThroughputBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(value = 1, jvmArgsAppend = "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn")
@State(Scope.Benchmark)
public class RedisThroughputBenchmark {
    /** Jobs submitted per benchmark invocation (then awaited). */
    static final int JOBS = 2000;
    private static final int WORKERS = 4;

    /** Where the jobs run: in-process, or on 4 workers through Redis. */
    @Param({"local", "redis"})
    public String executor;

    /** What each job does: the echo (trivial stage) or the local engine on a tiny image. */
    @Param({"echo", "engine"})
    public String work;

    private final List<RedisWorker> workers = new ArrayList<>();
    private RedisQueueConfig config;
    private VisionPipeline pipeline;
    private MediaSource image;

    /** Starts the workers (for Redis) and builds the pipeline. */
    @Setup(Level.Trial)
    public void start() {
        boolean echo = work.equals("echo");
        image = MediaSource.of(echo ? Path.of("/media/echo.png")
                : TestVideos.ffmpeg("bench-64x64.png", "-f", "lavfi", "-i", "testsrc2=size=64x64", "-frames:v", "1"));
        int perWorker = echo ? 64 : 8;
        PipelineExecutor chosen;
        if (executor.equals("redis")) {
            config = RedisQueueConfig.builder(System.getProperty("vp.bench.redis", TestRedis.URI))
                    .prefix("vpbench-" + System.nanoTime() + ":").resultTtl(Duration.ofMinutes(10)).build();
            for (int i = 0; i < WORKERS; i++) {
                workers.add(RedisWorker.builder(config).id("bench-" + i).concurrency(perWorker).executor(work(perWorker)).start());
            }
            chosen = RedisExecutor.builder(config).build();
        } else {
            chosen = work(perWorker * WORKERS);
        }
        pipeline = VisionPipeline.builder().stage(new StageSpec("faces", "probe", Map.of("batchSize", "1"))).executor(chosen).build();
    }

    private PipelineExecutor work(int mediaAtOnce) {
        return work.equals("echo") ? EchoExecutor.instant()
                : LocalExecutor.builder().threads(2).maxConcurrentMedia(mediaAtOnce).build();
    }

    /** Stops the workers and deletes the benchmark's keys. */
    @TearDown(Level.Trial)
    public void stop() {
        pipeline.close();
        workers.forEach(RedisWorker::close);
        if (config != null) {
            TestRedis.deleteKeys(System.getProperty("vp.bench.redis", TestRedis.URI), config.keys().prefix());
        }
    }

    /**
     * Submits {@value #JOBS} jobs and waits for all their reports.
     *
     * @param blackhole sinks the reports
     */
    @Benchmark
    @OperationsPerInvocation(JOBS)
    public void jobs(Blackhole blackhole) {
        List<CompletableFuture<MediaReport>> futures = new ArrayList<>(JOBS);
        for (int i = 0; i < JOBS; i++) {
            futures.add(pipeline.submit(image));
        }
        for (CompletableFuture<MediaReport> future : futures) {
            blackhole.consume(future.join());
        }
    }
}
