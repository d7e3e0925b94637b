package io.visionpipeline.core.index;

import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Vectors, ids and metadata by ordinal (0, 1, 2 … in insertion order), with deletions as
 * tombstones so ordinals stay stable for a graph built over them. Vectors live in chunks of
 * {@value #CHUNK} contiguous rows: the exact scan walks memory linearly and growing never copies
 * what is there. Not thread-safe: {@link StoredVectorIndex} guards it.
 */
public final class VectorStore {
    /** Vectors per chunk. */
    static final int CHUNK = 4096;

    private final int dimension;
    private final Metric metric;
    private final List<float[]> chunks = new ArrayList<>();
    private final List<String> ids = new ArrayList<>();
    private final List<EntryMetadata> metadata = new ArrayList<>();
    private final Map<String, Integer> ordinalById = new HashMap<>();
    private final BitSet deleted = new BitSet();

    /**
     * @param dimension vector length
     * @param metric    how vectors are compared
     */
    public VectorStore(int dimension, Metric metric) {
        this.dimension = dimension;
        this.metric = metric;
    }

    /** @return the vector length */
    public int dimension() {
        return dimension;
    }

    /** @return the metric */
    public Metric metric() {
        return metric;
    }

    /** @return ordinals handed out so far, deleted ones included */
    public int ordinals() {
        return ids.size();
    }

    /** @return live entries */
    public int size() {
        return ordinalById.size();
    }

    /**
     * Appends a vector (normalised first under {@link Metric#COSINE}); the previous entry with the
     * same id, if any, becomes a tombstone.
     *
     * @param id     the entry id
     * @param vector the vector
     * @param meta   its metadata
     * @return the new ordinal, and the replaced one or -1
     */
    public int[] add(String id, float[] vector, EntryMetadata meta) {
        if (vector.length != dimension) {
            throw new IllegalArgumentException("vector of entry '" + id + "' has " + vector.length + " dimensions; the index has " + dimension);
        }
        if (!VectorMath.isFinite(vector)) {
            throw new IllegalArgumentException("vector of entry '" + id + "' has NaN or infinite values");
        }
        int replaced = delete(id);
        int ordinal = append(id, vector, meta);
        if (metric == Metric.COSINE) {
            VectorMath.normalize(chunk(ordinal), offset(ordinal), dimension);
        }
        ordinalById.put(id, ordinal);
        return new int[] {ordinal, replaced};
    }

    /**
     * Appends a stored vector exactly as it was saved (no normalisation), live or as a tombstone.
     *
     * @param id        the entry id
     * @param vector    the stored vector
     * @param meta      its metadata
     * @param tombstone whether it was deleted
     */
    void restore(String id, float[] vector, EntryMetadata meta, boolean tombstone) {
        int ordinal = append(id, vector, meta);
        if (tombstone) {
            deleted.set(ordinal);
        } else {
            ordinalById.put(id, ordinal);
        }
    }

    private int append(String id, float[] vector, EntryMetadata meta) {
        int ordinal = ids.size();
        int row = ordinal % CHUNK;
        if (row == 0) {
            chunks.add(new float[CHUNK * dimension]);
        }
        System.arraycopy(vector, 0, chunks.get(chunks.size() - 1), row * dimension, dimension);
        ids.add(id);
        metadata.add(meta);
        return ordinal;
    }

    /**
     * @param id an entry id
     * @return the ordinal made a tombstone, or -1 when absent
     */
    public int delete(String id) {
        Integer ordinal = ordinalById.remove(id);
        if (ordinal == null) {
            return -1;
        }
        deleted.set(ordinal);
        return ordinal;
    }

    /**
     * @param ordinal an ordinal
     * @return whether it is a tombstone
     */
    public boolean isDeleted(int ordinal) {
        return deleted.get(ordinal);
    }

    /**
     * @param id an entry id
     * @return its live ordinal, or -1
     */
    public int ordinalOf(String id) {
        return ordinalById.getOrDefault(id, -1);
    }

    /**
     * @param ordinal an ordinal
     * @return its id
     */
    public String id(int ordinal) {
        return ids.get(ordinal);
    }

    /**
     * @param ordinal an ordinal
     * @return its metadata
     */
    public EntryMetadata metadata(int ordinal) {
        return metadata.get(ordinal);
    }

    /**
     * @param ordinal an ordinal
     * @return the chunk holding its vector; the vector starts at {@link #offset(int)}
     */
    public float[] chunk(int ordinal) {
        return chunks.get(ordinal / CHUNK);
    }

    /**
     * @param ordinal an ordinal
     * @return where its vector starts in its chunk
     */
    public int offset(int ordinal) {
        return ordinal % CHUNK * dimension;
    }

    /**
     * @param ordinal an ordinal
     * @return a copy of its (stored, possibly normalised) vector
     */
    public float[] vector(int ordinal) {
        int off = offset(ordinal);
        return Arrays.copyOfRange(chunk(ordinal), off, off + dimension);
    }

    /**
     * @param query a query vector
     * @return the query as the index compares it (normalised copy under cosine)
     */
    public float[] prepareQuery(float[] query) {
        if (query.length != dimension) {
            throw new IllegalArgumentException("query has " + query.length + " dimensions; the index has " + dimension);
        }
        if (metric != Metric.COSINE) {
            return query;
        }
        float[] q = query.clone();
        VectorMath.normalize(q, 0, dimension);
        return q;
    }

    /**
     * Exact search: scores every live entry that passes the filter.
     *
     * @param query  a query prepared with {@link #prepareQuery}
     * @param k      how many hits
     * @param filter which entries may be returned
     * @return the best hits, best first
     */
    public List<IndexHit> scan(float[] query, int k, IndexFilter filter) {
        TopK top = new TopK(k);
        boolean all = filter.isAll();
        int n = ids.size();
        float[] scores = new float[Math.min(CHUNK, Math.max(1, n))];
        for (int c = 0; c * CHUNK < n; c++) {
            float[] chunk = chunks.get(c);
            int rows = Math.min(CHUNK, n - c * CHUNK);
            int base = c * CHUNK;
            // two passes: a loop that only scores (which the JIT compiles tightly), then the bookkeeping
            for (int r = 0; r < rows; r++) {
                scores[r] = VectorMath.score(metric, query, 0, chunk, r * dimension, dimension);
            }
            for (int r = 0; r < rows; r++) {
                int ordinal = base + r;
                if (scores[r] > top.threshold() && !deleted.get(ordinal) && (all || filter.test(metadata.get(ordinal)))) {
                    top.offer(ordinal, scores[r]);
                }
            }
        }
        return hits(top);
    }

    /**
     * @param top ordinals and scores
     * @return them as hits, best first
     */
    public List<IndexHit> hits(TopK top) {
        int[] ordinalsOut = new int[top.size()];
        float[] scoresOut = new float[top.size()];
        int n = top.drainBestFirst(ordinalsOut, scoresOut);
        List<IndexHit> hits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            hits.add(new IndexHit(ids.get(ordinalsOut[i]), scoresOut[i], metadata.get(ordinalsOut[i])));
        }
        return hits;
    }

    /**
     * @param filter a filter
     * @param limit  stop counting past this
     * @return how many live entries pass it, at most {@code limit}
     */
    public int countMatching(IndexFilter filter, int limit) {
        if (filter.isAll()) {
            return Math.min(size(), limit);
        }
        int count = 0;
        for (int o = 0; o < ids.size() && count < limit; o++) {
            if (!deleted.get(o) && filter.test(metadata.get(o))) {
                count++;
            }
        }
        return count;
    }
}
