package io.visionpipeline.benchmarks.search;

import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexes;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.testing.LowRankVectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Index build rate: microseconds per vector (vectors/s = 10^6 / score) when 20,000 low-rank 384-d vectors go into an empty
 * index in one call. The flat index only copies and normalises (the baseline); the graph index
 * (threshold 0, so the graph is built) runs JVector's parallel insertion on all cores.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run IndexBuildBenchmark -f 1 -wi 1 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class IndexBuildBenchmark {
    static final int SIZE = 20_000;

    @Param({"flat", "hnsw"})
    public String index;

    private List<IndexEntry> entries;

    @Setup
    public void vectors() {
        entries = IndexSearchBenchmark.entries(new LowRankVectors(384, 32, 0.3f, 5).next(SIZE));
    }

    @Benchmark
    @OperationsPerInvocation(SIZE)
    public int build() {
        StageOptions options = index.equals("hnsw") ? StageOptions.of("graphThreshold", "0") : StageOptions.EMPTY;
        try (VectorIndex built = VectorIndexes.create(index, new IndexConfig(384, Metric.COSINE, options))) {
            built.upsertAll(entries);
            return built.size();
        }
    }
}
