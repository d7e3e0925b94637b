package io.visionpipeline.benchmarks.endtoend;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Seconds to analyse {@link NewsAnalysis} (60 s of 720p H.264, 1 fps, faces + ocr + pose + nsfw)
 * with 1 and 2 compute threads; real-time factor = 60 s / score. Baseline, same run and threads:
 * the simplest program a user could write instead — decode the sampled frames on the main thread
 * and hand each frame to a fixed thread pool that calls the four stages one after the other (one
 * set of stage instances per pool thread). The ratio is what the engine's batching, scheduling,
 * ordering, tracking and report cost (or save) against that loop.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * benchmarks/run EndToEndBenchmark -f 1 -wi 1 -i 2
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EndToEndBenchmark {
    @Param({"1", "2"})
    public int threads;

    private VisionPipeline pipeline;
    private ExecutorService loopPool;
    private ThreadLocal<List<FrameStage<?>>> loopStages;
    private final List<FrameStage<?>> opened = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
        NewsAnalysis.video();
        pipeline = NewsAnalysis.pipeline(threads);
        List<StageSpec> specs = pipeline.spec().stages();
        loopPool = Executors.newFixedThreadPool(threads);
        loopStages = ThreadLocal.withInitial(() -> {
            List<FrameStage<?>> stages = new ArrayList<>();
            for (StageSpec spec : specs) {
                stages.add((FrameStage<?>) StageProviders.create(spec));
            }
            synchronized (opened) {
                opened.addAll(stages);
            }
            return stages;
        });
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pipeline.close();
        loopPool.shutdown();
        loopPool.awaitTermination(1, TimeUnit.MINUTES);
        for (FrameStage<?> stage : opened) {
            stage.close();
        }
    }

    /** The engine: {@code VisionPipeline.analyze} with a local executor of {@code threads} compute threads. */
    @Benchmark
    public MediaReport analyze() {
        MediaReport report = pipeline.analyze(NewsAnalysis.video());
        if (report.frames().size() != NewsAnalysis.SECONDS) {
            throw new IllegalStateException("expected " + NewsAnalysis.SECONDS + " frames, got " + report.frames().size());
        }
        return report;
    }

    /** Baseline: decode, then each frame through the four stages on a plain pool of {@code threads} threads. */
    @Benchmark
    public int handWrittenLoop() throws Exception {
        List<Future<Integer>> pending = new ArrayList<>();
        try (FrameReader reader = FrameReader.open(MediaSource.of(NewsAnalysis.video()), pipeline.spec().sampling())) {
            for (ImageFrame frame = reader.next(); frame != null; frame = reader.next()) {
                ImageFrame sampled = frame;
                pending.add(loopPool.submit(() -> {
                    int results = 0;
                    for (FrameStage<?> stage : loopStages.get()) {
                        results += stage.process(List.of(sampled)).size();
                    }
                    return results;
                }));
            }
        }
        int results = 0;
        for (Future<Integer> f : pending) {
            results += f.get();
        }
        return results;
    }
}
