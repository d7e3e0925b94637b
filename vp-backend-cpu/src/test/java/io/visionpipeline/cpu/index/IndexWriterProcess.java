package io.visionpipeline.cpu.index;

import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;
import io.visionpipeline.testing.LowRankVectors;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A child process for the crash test: builds an hnsw index (with its graph), saves it, prints
 * its answers to fixed queries, then saves it again and again until it is killed.
 */
public final class IndexWriterProcess {
    private IndexWriterProcess() {
    }

    /**
     * @param args index file, vector count
     */
    public static void main(String[] args) {
        Path file = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        try (HnswIndex index = HnswIndex.create(IndexConfig.of(384, Metric.COSINE), new HnswIndex.Params(16, 50, 50, 1000))) {
            float[][] vectors = new LowRankVectors(384, 32, 0.3f, 7).next(n);
            List<IndexEntry> entries = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                entries.add(new IndexEntry("v" + i, vectors[i], new EntryMetadata("m" + (i % 10), "frame", Duration.ofMillis(i), null, Map.of())));
            }
            index.upsertAll(entries);
            index.save(file);
            System.out.println(answers(index));
            System.out.println("SAVED");
            System.out.flush();
            while (true) {
                index.save(file);
            }
        }
    }

    /**
     * @param index an index
     * @return its top-10 ids for 20 fixed queries, one line per query
     */
    static String answers(HnswIndex index) {
        StringBuilder out = new StringBuilder();
        for (float[] q : new LowRankVectors(384, 32, 0.3f, 7).next(20)) {
            out.append(index.search(q, 10, IndexFilter.ALL).stream().map(IndexHit::id).toList()).append('\n');
        }
        return out.toString().strip();
    }
}
