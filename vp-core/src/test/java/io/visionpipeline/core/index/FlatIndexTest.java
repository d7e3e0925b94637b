package io.visionpipeline.core.index;

import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexCorruptedException;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexes;
import io.visionpipeline.testing.LowRankVectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class FlatIndexTest {
    private static final int DIM = 64;

    static List<IndexEntry> entries(int n, long seed) {
        float[][] vectors = new LowRankVectors(DIM, 8, 0.2f, seed).next(n);
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(new IndexEntry("e" + i, vectors[i], new EntryMetadata(i % 2 == 0 ? "a.mp4" : "b.mp4",
                    i % 3 == 0 ? "transcript" : "moment", Duration.ofSeconds(i), Duration.ofSeconds(i + 1), Map.of("n", "" + i))));
        }
        return entries;
    }

    /** The reference: every score computed in double precision, sorted. */
    static List<String> bruteForce(List<IndexEntry> entries, float[] q, int k, Metric metric, IndexFilter filter) {
        return entries.stream().filter(e -> filter.test(e.metadata()))
                .sorted(Comparator.comparingDouble((IndexEntry e) -> -reference(metric, q, e.vector())))
                .limit(k).map(IndexEntry::id).toList();
    }

    static double reference(Metric metric, float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        double l2 = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
            l2 += ((double) a[i] - b[i]) * ((double) a[i] - b[i]);
        }
        return switch (metric) {
            case COSINE -> dot / Math.sqrt(na * nb);
            case DOT -> dot;
            case L2 -> -l2;
        };
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void returnsExactlyTheBruteForceTopKForEachMetric(Metric metric) {
        List<IndexEntry> entries = entries(3000, 1);
        try (VectorIndex index = FlatIndex.create(IndexConfig.of(DIM, metric))) {
            index.upsertAll(entries);
            float[][] queries = new LowRankVectors(DIM, 8, 0.2f, 1).next(1); // same basis as the data
            LowRankVectors fresh = new LowRankVectors(DIM, 8, 0.2f, 99);
            for (int q = 0; q < 20; q++) {
                float[] query = q == 0 ? queries[0] : fresh.next();
                List<IndexHit> hits = index.search(query, 10, IndexFilter.ALL);
                assertThat(hits).extracting(IndexHit::id).isEqualTo(bruteForce(entries, query, 10, metric, IndexFilter.ALL));
                IndexEntry best = entries.get(Integer.parseInt(hits.get(0).id().substring(1)));
                assertThat((double) hits.get(0).score()).isCloseTo(reference(metric, query, best.vector()), within(1e-4 * Math.max(1, Math.abs(hits.get(0).score()))));
            }
        }
    }

    @Test
    void filtersByMediaKindAndTimeRange() {
        List<IndexEntry> entries = entries(500, 2);
        IndexFilter filter = IndexFilter.ALL.media("a.mp4").kinds("transcript").between(Duration.ofSeconds(100), Duration.ofSeconds(200));
        try (VectorIndex index = FlatIndex.create(IndexConfig.of(DIM, Metric.COSINE))) {
            index.upsertAll(entries);
            float[] q = entries.get(7).vector();
            List<IndexHit> hits = index.search(q, 50, filter);
            assertThat(hits).isNotEmpty().allSatisfy(h -> assertThat(filter.test(h.metadata())).isTrue());
            assertThat(hits).extracting(IndexHit::id).isEqualTo(bruteForce(entries, q, 50, Metric.COSINE, filter));
        }
    }

    @Test
    void upsertReplacesAndDeletesRemove() {
        try (VectorIndex index = FlatIndex.create(IndexConfig.of(DIM, Metric.COSINE))) {
            List<IndexEntry> entries = entries(100, 3);
            index.upsertAll(entries);
            IndexEntry moved = new IndexEntry("e5", entries.get(50).vector(), entries.get(50).metadata());
            index.upsert(moved);
            assertThat(index.size()).isEqualTo(100);
            assertThat(index.search(entries.get(50).vector(), 2, IndexFilter.ALL)).extracting(IndexHit::id).containsExactlyInAnyOrder("e5", "e50");
            assertThat(index.delete("e50")).isTrue();
            assertThat(index.delete("e50")).isFalse();
            assertThat(index.deleteIf(m -> m.mediaId().equals("b.mp4"))).isEqualTo(49); // e5 moved to e50's metadata (a.mp4)
            assertThat(index.size()).isEqualTo(50);
            assertThat(index.search(entries.get(51).vector(), 100, IndexFilter.ALL)).hasSize(50)
                    .noneMatch(h -> h.metadata().mediaId().equals("b.mp4")).noneMatch(h -> h.id().equals("e50"));
        }
    }

    @Test
    void rejectsVectorsOfTheWrongSizeOrWithNaN() {
        try (VectorIndex index = FlatIndex.create(IndexConfig.of(DIM, Metric.COSINE))) {
            EntryMetadata m = new EntryMetadata("a", "k", Duration.ZERO, Duration.ZERO, Map.of());
            assertThatThrownBy(() -> index.upsert(new IndexEntry("x", new float[3], m))).hasMessageContaining("3 dimensions");
            float[] nan = new float[DIM];
            nan[0] = Float.NaN;
            assertThatThrownBy(() -> index.upsert(new IndexEntry("x", nan, m))).hasMessageContaining("NaN");
            assertThatThrownBy(() -> index.search(new float[2], 1, IndexFilter.ALL)).hasMessageContaining("2 dimensions");
        }
    }

    @Test
    void savedIndexLoadsWithIdenticalResultsThroughTheProviderLookup(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flat.vpi");
        List<IndexEntry> entries = entries(2000, 4);
        float[][] queries = new LowRankVectors(DIM, 8, 0.2f, 5).next(10);
        List<List<IndexHit>> before = new ArrayList<>();
        try (VectorIndex index = VectorIndexes.create("flat", IndexConfig.of(DIM, Metric.COSINE))) {
            index.upsertAll(entries);
            index.delete("e3");
            for (float[] q : queries) {
                before.add(index.search(q, 10, IndexFilter.ALL));
            }
            index.save(file);
        }
        try (VectorIndex loaded = VectorIndexes.load(file)) {
            assertThat(loaded.providerName()).isEqualTo("flat");
            assertThat(loaded.size()).isEqualTo(1999);
            for (int q = 0; q < queries.length; q++) {
                assertThat(loaded.search(queries[q], 10, IndexFilter.ALL)).isEqualTo(before.get(q));
            }
        }
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file); // no .part left behind
        }
    }

    @Test
    void damagedFilesFailWithIndexCorruptedExceptionNamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("flat.vpi");
        try (VectorIndex index = FlatIndex.create(IndexConfig.of(DIM, Metric.DOT))) {
            index.upsertAll(entries(300, 6));
            index.save(file);
        }
        byte[] good = Files.readAllBytes(file);

        Path truncated = Files.write(dir.resolve("truncated.vpi"), java.util.Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> VectorIndexes.load(truncated)).isInstanceOf(IndexCorruptedException.class)
                .hasMessageContaining(truncated.toString()).hasMessageContaining("truncated");

        Path flipped = Files.write(dir.resolve("flipped.vpi"), good);
        try (RandomAccessFile raf = new RandomAccessFile(flipped.toFile(), "rw")) {
            raf.seek(good.length - 2000);
            int b = raf.read();
            raf.seek(good.length - 2000);
            raf.write(b ^ 0x10);
        }
        assertThatThrownBy(() -> VectorIndexes.load(flipped)).isInstanceOf(IndexCorruptedException.class)
                .hasMessageContaining(flipped.toString()).hasMessageContaining("checksum mismatch");

        Path notAnIndex = Files.writeString(dir.resolve("report.json"), "{\"schemaVersion\": 1}");
        assertThatThrownBy(() -> VectorIndexes.load(notAnIndex)).isInstanceOf(IndexCorruptedException.class)
                .hasMessageContaining("bad magic");

        assertThatThrownBy(() -> VectorIndexes.load(dir.resolve("missing.vpi"))).isInstanceOf(IndexCorruptedException.class)
                .hasMessageContaining("does not exist");
    }
}
