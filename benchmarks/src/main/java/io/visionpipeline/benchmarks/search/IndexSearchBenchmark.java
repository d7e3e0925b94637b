package io.visionpipeline.benchmarks.search;

import io.visionpipeline.core.index.FlatIndex;
import io.visionpipeline.core.index.VectorMath;
import io.visionpipeline.cpu.index.HnswIndex;
import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexes;
import io.visionpipeline.testing.LowRankVectors;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Queries per second at k=10 on low-rank 384-d vectors (32 latent dimensions + noise), one
 * thread: the exact index's 8-accumulator scan, a naive one-accumulator scan over the same data
 * (the baseline), and the JVector graph index, with recall@10 against the exact index printed
 * beside each at setup. Graphs are cached in {@code benchmarks/target/index-cache} (building one
 * over 100k vectors takes about 4 minutes on two cores).
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run IndexSearchBenchmark -f 1 -wi 2 -i 3
 * benchmarks/run IndexSearchBenchmark -p size=1000000 -p index=flat,naive -f 1 -wi 1 -i 3 -jvmArgsAppend -Xmx6g
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
@Threads(1)
public class IndexSearchBenchmark {
    static final int DIM = 384;
    static final int QUERIES = 200;

    @Param({"100000"})
    public int size;

    @Param({"naive", "flat", "hnsw"})
    public String index;

    private VectorIndex built;
    private float[][] data;
    private float[][] queries;
    private int next;

    @Setup
    public void build() {
        float[][] all = new LowRankVectors(DIM, 32, 0.3f, 11).next(size + QUERIES);
        queries = java.util.Arrays.copyOfRange(all, size, size + QUERIES);
        data = java.util.Arrays.copyOf(all, size);
        if (index.equals("naive")) {
            for (float[] v : data) {
                VectorMath.normalize(v, 0, DIM);
            }
            return;
        }
        built = index.equals("hnsw") ? cachedGraph(data) : FlatIndex.create(IndexConfig.of(DIM, Metric.COSINE));
        if (built.size() == 0) {
            built.upsertAll(entries(data));
        }
        if (index.equals("hnsw")) {
            try (FlatIndex exact = FlatIndex.create(IndexConfig.of(DIM, Metric.COSINE))) {
                exact.upsertAll(entries(data));
                System.out.printf(Locale.ROOT, "%nRECALL@10 %s over %d vectors: %.4f%n", index, size, recall(built, exact));
            }
        } else {
            System.out.printf(Locale.ROOT, "%nRECALL@10 %s over %d vectors: 1.0000 (exact)%n", index, size);
        }
    }

    private HnswIndex cachedGraph(float[][] vectors) {
        Path cache = Path.of("benchmarks/target/index-cache/hnsw-" + size + "-" + HnswIndex.Params.DEFAULT.maxDegree() + ".vpi");
        if (Files.isRegularFile(cache)) {
            return (HnswIndex) VectorIndexes.load(cache);
        }
        HnswIndex graph = HnswIndex.create(IndexConfig.of(DIM, Metric.COSINE), HnswIndex.Params.DEFAULT);
        long start = System.nanoTime();
        graph.upsertAll(entries(vectors));
        System.out.printf(Locale.ROOT, "%nBUILD hnsw over %d vectors: %.1f s%n", size, (System.nanoTime() - start) / 1e9);
        graph.save(cache);
        return graph;
    }

    static List<IndexEntry> entries(float[][] vectors) {
        List<IndexEntry> entries = new ArrayList<>(vectors.length);
        EntryMetadata m = new EntryMetadata("bench.mp4", "frame", Duration.ZERO, null, Map.of());
        for (int i = 0; i < vectors.length; i++) {
            entries.add(new IndexEntry("v" + i, vectors[i], m));
        }
        return entries;
    }

    private double recall(VectorIndex approximate, VectorIndex exact) {
        int found = 0;
        for (float[] q : queries) {
            Set<String> truth = new HashSet<>();
            exact.search(q, 10, IndexFilter.ALL).forEach(h -> truth.add(h.id()));
            found += (int) approximate.search(q, 10, IndexFilter.ALL).stream().filter(h -> truth.contains(h.id())).count();
        }
        return found / (10.0 * queries.length);
    }

    @TearDown
    public void close() {
        if (built != null) {
            built.close();
        }
    }

    @Benchmark
    public Object search() {
        float[] q = queries[next];
        next = (next + 1) % queries.length;
        return index.equals("naive") ? naiveTopK(q) : built.search(q, 10, IndexFilter.ALL);
    }

    /** The baseline: one accumulator per dot product, a sorted insertion top-10. */
    private int[] naiveTopK(float[] q) {
        float[] qn = q.clone();
        VectorMath.normalize(qn, 0, DIM);
        int[] best = new int[10];
        float[] scores = new float[10];
        java.util.Arrays.fill(scores, Float.NEGATIVE_INFINITY);
        for (int i = 0; i < data.length; i++) {
            float[] v = data[i];
            float s = 0;
            for (int d = 0; d < DIM; d++) {
                s += qn[d] * v[d];
            }
            if (s > scores[9]) {
                int j = 9;
                while (j > 0 && scores[j - 1] < s) {
                    scores[j] = scores[j - 1];
                    best[j] = best[j - 1];
                    j--;
                }
                scores[j] = s;
                best[j] = i;
            }
        }
        return best;
    }

}
