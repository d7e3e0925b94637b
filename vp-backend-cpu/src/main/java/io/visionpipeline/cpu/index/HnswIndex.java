package io.visionpipeline.cpu.index;

import io.github.jbellis.jvector.disk.ByteBufferReader;
import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.OnHeapGraphIndex;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.index.IndexFile;
import io.visionpipeline.core.index.StoredVectorIndex;
import io.visionpipeline.core.index.TopK;
import io.visionpipeline.core.index.VectorMath;
import io.visionpipeline.core.index.VectorStore;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexCorruptedException;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;
import io.visionpipeline.stage.StageOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * A JVector graph index (HNSW-style hierarchy over a Vamana graph) on top of the exact store.
 * Below {@link Params#graphThreshold()} live entries it scans exactly, as the flat index does; at
 * the threshold it builds the graph (in parallel) and from then on adds each new vector to it.
 * A filter that lets few entries through is answered by an exact scan of those entries, since a
 * graph walk that may only step on a few nodes loses recall. Returned scores are exact (recomputed
 * for the hits), so they match the flat index's.
 *
 * <pre>{@code
 * try (HnswIndex index = HnswIndex.create(IndexConfig.of(384, Metric.COSINE), HnswIndex.Params.DEFAULT)) {
 *     index.upsertAll(entries);
 *     List<IndexHit> hits = index.search(query, 10, IndexFilter.ALL);
 *     index.save(Path.of("vectors.vpi"));                    // vectors, metadata and the graph
 * }
 * }</pre>
 */
public final class HnswIndex extends StoredVectorIndex {
    /** Provider name, recorded in saved files. */
    public static final String NAME = "hnsw";
    private static final Logger LOG = LoggerFactory.getLogger(HnswIndex.class);
    private static final int SECTION_VERSION = 1;

    /**
     * Graph settings.
     *
     * @param maxDegree      edges per node (JVector's M); more edges, better recall, slower build
     * @param beamWidth      candidates considered while inserting
     * @param overQuery      candidates a search collects before keeping the best k (at least k)
     * @param graphThreshold live entries from which the graph is used; below it searches are exact
     */
    public record Params(int maxDegree, int beamWidth, int overQuery, int graphThreshold) {
        /**
         * Degree 32, beam 100, over-query 100, graph from 10,000 entries: recall@10 of 0.96 on
         * 100k low-rank 384-d vectors here, measured against the exact index.
         */
        public static final Params DEFAULT = new Params(32, 100, 100, 10_000);
        /** Option keys {@link #fromOptions} reads. */
        public static final Set<String> OPTION_KEYS = Set.of("maxDegree", "beamWidth", "overQuery", "graphThreshold");

        /** Validates the settings. */
        public Params {
            if (maxDegree < 2 || beamWidth < 1 || overQuery < 1 || graphThreshold < 0) {
                throw new IllegalArgumentException("invalid graph settings: maxDegree=" + maxDegree + " beamWidth=" + beamWidth
                        + " overQuery=" + overQuery + " graphThreshold=" + graphThreshold);
            }
        }

        /**
         * @param options index options
         * @return the settings, defaults for absent keys
         * @throws IllegalArgumentException naming an unknown option
         */
        public static Params fromOptions(StageOptions options) {
            options.requireKnown("the hnsw index", OPTION_KEYS);
            return new Params(options.getInt("maxDegree", DEFAULT.maxDegree), options.getInt("beamWidth", DEFAULT.beamWidth),
                    options.getInt("overQuery", DEFAULT.overQuery), options.getInt("graphThreshold", DEFAULT.graphThreshold));
        }
    }

    private final Params params;
    private final StoreVectors vectors;
    private final VectorSimilarityFunction similarity;
    private GraphIndexBuilder builder;

    private HnswIndex(VectorStore store, Params params) {
        super(store);
        this.params = params;
        this.vectors = new StoreVectors(store);
        // vectors are normalised on entry under cosine, so the dot product ranks the same, faster
        this.similarity = store.metric() == Metric.L2 ? VectorSimilarityFunction.EUCLIDEAN : VectorSimilarityFunction.DOT_PRODUCT;
    }

    /**
     * @param config dimension and metric
     * @param params graph settings
     * @return an empty index
     */
    public static HnswIndex create(IndexConfig config, Params params) {
        return new HnswIndex(new VectorStore(config.dimension(), config.metric()), params);
    }

    /**
     * @param file a file an hnsw index saved
     * @return the index with its graph as saved
     * @throws IndexCorruptedException naming the file when it is damaged
     */
    public static HnswIndex load(Path file) {
        IndexFile.Contents contents = IndexFile.read(file, NAME);
        ByteBuffer section = ByteBuffer.wrap(contents.section());
        try {
            if (section.getInt() != SECTION_VERSION) {
                throw new IndexCorruptedException(file, "unknown graph section version");
            }
            HnswIndex index = new HnswIndex(contents.store(),
                    new Params(section.getInt(), section.getInt(), section.getInt(), section.getInt()));
            if (section.get() == 1) {
                index.builder = index.newBuilder();
                index.builder.load(new ByteBufferReader(section.slice()));
            }
            return index;
        } catch (IOException | RuntimeException e) {
            if (e instanceof IndexCorruptedException ice) {
                throw ice;
            }
            throw new IndexCorruptedException(file, "the graph section cannot be read (" + e + ")", e);
        }
    }

    /** @return the graph settings */
    public Params params() {
        return params;
    }

    /** @return whether searches use the graph (the index reached its threshold) */
    public boolean hasGraph() {
        return read(() -> builder != null);
    }

    @Override
    protected void onAdded(int[] ordinals) {
        if (builder == null) {
            if (store.size() >= params.graphThreshold() && store.size() > 0) {
                buildGraph();
            }
            return;
        }
        IntStream.of(ordinals).parallel().forEach(o -> builder.addGraphNode(o, vectors));
    }

    @Override
    protected void onDeleted(int ordinal) {
        if (builder != null && builder.getGraph().containsNode(ordinal)) {
            builder.markNodeDeleted(ordinal);
        }
    }

    private void buildGraph() {
        long start = System.nanoTime();
        builder = newBuilder();
        IntStream.range(0, store.ordinals()).parallel().forEach(o -> builder.addGraphNode(o, vectors));
        for (int o = 0; o < store.ordinals(); o++) {
            if (store.isDeleted(o)) {
                builder.markNodeDeleted(o);
            }
        }
        builder.cleanup();
        LOG.info("Built a graph over {} vectors in {} ms", store.size(), (System.nanoTime() - start) / 1_000_000);
    }

    private GraphIndexBuilder newBuilder() {
        return new GraphIndexBuilder(BuildScoreProvider.randomAccessScoreProvider(vectors, similarity), store.dimension(),
                params.maxDegree(), params.beamWidth(), 1.2f, 1.2f, true);
    }

    @Override
    protected List<IndexHit> searchLocked(float[] query, int k, IndexFilter filter) {
        if (builder == null || !filter.isAll() && store.countMatching(filter, params.graphThreshold()) < params.graphThreshold()) {
            return store.scan(query, k, filter);
        }
        Bits accept = filter.isAll() ? o -> !store.isDeleted(o) : o -> !store.isDeleted(o) && filter.test(store.metadata(o));
        SearchResult result;
        try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
            result = searcher.search(DefaultSearchScoreProvider.exact(StoreVectors.wrap(query), similarity, vectors),
                    k, Math.max(k, params.overQuery()), 0f, 0f, accept);
        } catch (IOException e) {
            throw new VisionPipelineException("Graph search failed: " + e.getMessage(), e);
        }
        TopK top = new TopK(k);
        for (SearchResult.NodeScore node : result.getNodes()) {
            top.offer(node.node, VectorMath.score(store.metric(), query, 0, store.chunk(node.node), store.offset(node.node), store.dimension()));
        }
        return store.hits(top);
    }

    @Override
    protected byte[] section() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(SECTION_VERSION);
            out.writeInt(params.maxDegree());
            out.writeInt(params.beamWidth());
            out.writeInt(params.overQuery());
            out.writeInt(params.graphThreshold());
            out.writeByte(builder == null ? 0 : 1);
            if (builder != null) {
                builder.cleanup();
                ((OnHeapGraphIndex) builder.getGraph()).save(out);
            }
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot serialise the graph: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    @Override
    public String providerName() {
        return NAME;
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (builder != null) {
                builder.close();
                builder = null;
            }
        } catch (IOException e) {
            throw new VisionPipelineException("Closing the graph failed: " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        return "HnswIndex[" + store.size() + " x " + store.dimension() + "-d, " + store.metric() + ", " + params
                + (builder == null ? ", exact" : ", graph") + "]";
    }
}
