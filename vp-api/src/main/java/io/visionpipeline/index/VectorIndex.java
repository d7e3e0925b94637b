package io.visionpipeline.index;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * A searchable set of vectors with metadata. Implementations: the exact flat index (the recall
 * baseline) and a JVector HNSW graph for large sets; a FAISS binding could plug in here too.
 * Searches may run concurrently with each other; writes are serialised by the index.
 *
 * <pre>{@code
 * try (VectorIndex index = VectorIndexes.create(IndexConfig.of(384, Metric.COSINE))) {
 *     index.upsert(new IndexEntry("talk.mp4#12", vector, metadata));
 *     List<IndexHit> hits = index.search(query, 10, IndexFilter.ALL.kinds("transcript"));
 *     index.save(Path.of("library/vectors.vpi"));                    // crash-safe
 * }
 * VectorIndex again = VectorIndexes.load(Path.of("library/vectors.vpi"));
 * }</pre>
 *
 * @since 0.1
 */
public interface VectorIndex extends AutoCloseable {

    /** @return the vector length */
    int dimension();

    /** @return how vectors are compared */
    Metric metric();

    /** @return the number of live entries */
    int size();

    /**
     * Adds entries; an entry whose id is already present replaces the old one.
     *
     * @param entries the entries
     * @throws IllegalArgumentException when a vector has the wrong length or is not finite
     */
    void upsertAll(List<IndexEntry> entries);

    /**
     * @param entry an entry; replaces one with the same id
     */
    default void upsert(IndexEntry entry) {
        upsertAll(List.of(entry));
    }

    /**
     * @param id an entry id
     * @return whether an entry was removed
     */
    boolean delete(String id);

    /**
     * Removes every entry whose metadata matches.
     *
     * @param which which entries to remove
     * @return how many were removed
     */
    int deleteIf(Predicate<EntryMetadata> which);

    /**
     * @param query  a vector of the index's dimension
     * @param k      how many hits at most
     * @param filter which entries may be returned
     * @return the best hits, best first
     */
    List<IndexHit> search(float[] query, int k, IndexFilter filter);

    /**
     * @param id an entry id
     * @return its metadata, or null when absent
     */
    EntryMetadata metadata(String id);

    /**
     * Writes the index so that a crash at any moment leaves either the old file or the new one:
     * the data goes to a new file, is synced, then renamed over the old one.
     *
     * @param file where to save
     * @throws io.visionpipeline.VisionPipelineException naming the file when it cannot be written
     */
    void save(Path file);

    /** @return the name of the provider that made this index, written into saved files */
    String providerName();

    /** Releases resources. Idempotent. */
    @Override
    void close();
}
