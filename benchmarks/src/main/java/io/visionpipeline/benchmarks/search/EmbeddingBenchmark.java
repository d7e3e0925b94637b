package io.visionpipeline.benchmarks.search;

import io.visionpipeline.cpu.embedding.ParaphraseSet;
import io.visionpipeline.embedding.Embedders;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.TextEmbedder;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Text embeddings per second with each model, one text per ONNX run (batch 1, the baseline) and
 * 32 per run. The {@code embeddings} counter is the figure to read (texts embedded per second);
 * ops/s counts calls. Texts: the 220 transcript/OCR-like sentences of the paraphrase test.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run EmbeddingBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 5)
public class EmbeddingBenchmark {

    @Param({"all-minilm-l6-v2-q", "bge-small-en-v15-q", "e5-small-v2-q"})
    public String model;

    @Param({"1", "32"})
    public int batch;

    private TextEmbedder embedder;
    private List<String> texts;
    private int next;

    /** Counts texts, so JMH reports texts embedded per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counter {
        /** Texts embedded. */
        public long embeddings;

        @Setup(Level.Iteration)
        public void reset() {
            embeddings = 0;
        }
    }

    @Setup
    public void load() {
        embedder = Embedders.text(model);
        texts = ParaphraseSet.pairs().stream().map(ParaphraseSet.Pair::sentence).toList();
    }

    @TearDown
    public void close() {
        embedder.close();
    }

    @Benchmark
    public List<Embedding> embed(Counter counter) {
        int from = next;
        next = (next + batch) % (texts.size() - batch);
        counter.embeddings += batch;
        return embedder.embedAll(texts.subList(from, from + batch));
    }
}
