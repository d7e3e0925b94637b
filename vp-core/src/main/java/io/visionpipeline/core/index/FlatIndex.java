package io.visionpipeline.core.index;

import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;

import java.nio.file.Path;
import java.util.List;

/**
 * The exact index: every search scores every live entry that passes the filter. It is the recall
 * baseline other indexes are measured against, and the right choice up to some ten thousand
 * vectors, where a scan costs about a millisecond.
 *
 * <pre>{@code
 * try (FlatIndex index = FlatIndex.create(IndexConfig.of(384, Metric.COSINE))) {
 *     index.upsert(new IndexEntry("a", vector, new EntryMetadata("talk.mp4", "transcript", t0, t1, Map.of())));
 *     List<IndexHit> hits = index.search(query, 10, IndexFilter.ALL);
 * }
 * }</pre>
 */
public final class FlatIndex extends StoredVectorIndex {
    /** Provider name, recorded in saved files. */
    public static final String NAME = "flat";

    private FlatIndex(VectorStore store) {
        super(store);
    }

    /**
     * @param config dimension and metric (no options)
     * @return an empty index
     */
    public static FlatIndex create(IndexConfig config) {
        return new FlatIndex(new VectorStore(config.dimension(), config.metric()));
    }

    /**
     * @param file a file a flat index saved
     * @return the index
     * @throws io.visionpipeline.index.IndexCorruptedException naming the file when it is damaged
     */
    public static FlatIndex load(Path file) {
        return new FlatIndex(IndexFile.read(file, NAME).store());
    }

    @Override
    protected List<IndexHit> searchLocked(float[] query, int k, IndexFilter filter) {
        return store.scan(query, k, filter);
    }

    @Override
    public String providerName() {
        return NAME;
    }
}
