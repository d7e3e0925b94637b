package io.visionpipeline.core.library;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.embedding.Embedders;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.ImageEmbedder;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexes;
import io.visionpipeline.internal.ServiceLookup;
import io.visionpipeline.library.Answer;
import io.visionpipeline.library.ReportIndexer;
import io.visionpipeline.library.SearchHit;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.report.MediaReport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A searchable library of analysed media, kept in a folder. {@link #add(MediaReport)} turns a
 * report into documents through every {@link ReportIndexer} on the class path (faces today;
 * transcripts, OCR text, identities and CLIP frame vectors plug in the same way), adds a derived
 * description of each moment ("2 people visible (close-up left, right); speech: …"), embeds the
 * texts and saves the folder; adding a media again replaces its old documents.
 * {@link #search} ranks by meaning (vector index) fused with exact words (BM25) by reciprocal rank;
 * {@link #ask} retrieves, prompts a language model with numbered excerpts and keeps only the
 * citations that point to one of them.
 *
 * <pre>{@code
 * try (MediaLibrary library = MediaLibrary.open(Path.of("my-library"))) {
 *     library.add(pipeline.analyze(Path.of("talk.mp4")));
 *     List<SearchHit> hits = library.search("two people talking", 10);
 *     try (LanguageModel llm = LanguageModels.open("http://localhost:11434/v1")) {
 *         Answer answer = library.ask("Who is on screen at the start?", llm);
 *     }
 * }
 * }</pre>
 *
 * Thread-safe: searches run in parallel, adds one at a time.
 */
public final class MediaLibrary implements AutoCloseable {
    /** Kind of the derived per-moment descriptions. */
    public static final String MOMENT = "moment";
    /**
     * Default weight of keyword ranking: 0, vectors only. Measured on 220 transcript- and OCR-like
     * sentences with MiniLM, BM25 at weight 0.1 lifts two-keyword queries from 0.791 to 0.814 top-1
     * but drops paraphrased queries from 0.973 to 0.932; every weight tried cost more than it gained
     * (docs/search.md). Raise it for libraries searched mostly by exact names and numbers.
     */
    public static final double DEFAULT_KEYWORD_WEIGHT = 0;
    /** Rank constant of reciprocal rank fusion (the value of Cormack et al.). */
    static final int RRF_K = 60;
    private static final Logger LOG = LoggerFactory.getLogger(MediaLibrary.class);
    private static final String ID_SEPARATOR = "#";

    private final Path dir;
    private final TextEmbedder text;
    private final ImageEmbedder image;
    private final boolean ownsEmbedders;
    private final double keywordWeight;
    private final VectorIndex textIndex;
    private final VectorIndex imageIndex;
    private final KeywordIndex keywords = new KeywordIndex();
    private final Map<String, LibraryFiles.StoredDoc> documents = new LinkedHashMap<>();
    private final Map<String, Integer> media = new TreeMap<>();
    private final List<ReportIndexer> indexers;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private MediaLibrary(Builder b, TextEmbedder text, ImageEmbedder image) {
        this.dir = b.dir;
        this.text = text;
        this.image = image;
        this.ownsEmbedders = b.textEmbedder == null;
        this.keywordWeight = b.keywordWeight;
        this.indexers = new ArrayList<>(ServiceLookup.load(ReportIndexer.class));
        this.indexers.addAll(b.indexers);
        boolean exists = Files.isRegularFile(dir.resolve(LibraryFiles.MANIFEST));
        if (exists) {
            LibraryFiles.Manifest manifest = LibraryFiles.readManifest(dir);
            if (!manifest.textModel().equals(text.modelName())) {
                throw new VisionPipelineException("Library " + dir + " was indexed with the text model '" + manifest.textModel()
                        + "', not '" + text.modelName() + "': open it with that model or index the media again into a new folder");
            }
            media.putAll(manifest.media());
            textIndex = VectorIndexes.load(dir.resolve(LibraryFiles.TEXT_INDEX));
            for (LibraryFiles.StoredDoc d : LibraryFiles.readDocuments(dir)) {
                documents.put(d.id(), d);
                keywords.add(d.id(), d.text(), metadata(d));
            }
            if (textIndex.size() != documents.size()) {
                throw new VisionPipelineException("Library " + dir + " is inconsistent: " + textIndex.size() + " vectors for "
                        + documents.size() + " documents (delete the folder and index the media again)");
            }
        } else {
            textIndex = VectorIndexes.create(b.indexProvider, IndexConfig.of(text.dimension(), Metric.COSINE));
        }
        if (image != null) {
            Path file = dir.resolve(imageIndexName(image.modelName()));
            imageIndex = Files.isRegularFile(file) ? VectorIndexes.load(file)
                    : VectorIndexes.create(b.indexProvider, IndexConfig.of(image.dimension(), Metric.COSINE));
        } else {
            imageIndex = null;
        }
        LOG.info("Library {}: {} media, {} documents, text model {}, {} ranking", dir, media.size(), documents.size(),
                text.modelName(), keywordWeight > 0 ? "hybrid (keyword weight " + keywordWeight + ")" : "vector");
    }

    /**
     * Opens (or creates) a library with the default text model ({@value Embedders#DEFAULT_TEXT_MODEL}).
     *
     * @param dir the library folder
     * @return the library; close it
     */
    public static MediaLibrary open(Path dir) {
        return builder(dir).build();
    }

    /**
     * @param dir the library folder
     * @return a builder
     */
    public static Builder builder(Path dir) {
        return new Builder(dir);
    }

    /** @return the library folder */
    public Path directory() {
        return dir;
    }

    /** @return the ids of the media in the library, sorted */
    public List<String> media() {
        lock.readLock().lock();
        try {
            return List.copyOf(media.keySet());
        } finally {
            lock.readLock().unlock();
        }
    }

    /** @return the number of searchable documents */
    public int size() {
        lock.readLock().lock();
        try {
            return documents.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Indexes a report, replacing what the library had for the same media, and saves the library.
     *
     * @param report an analysed media
     * @return how many documents it added
     */
    public int add(MediaReport report) {
        String mediaId = report.media().mediaId();
        MomentCollector collected = new MomentCollector();
        for (ReportIndexer indexer : indexers) {
            indexer.index(report, collected);
        }
        List<MomentCollector.TextDoc> docs = collected.documents();
        List<Embedding> vectors = text.embedAll(docs.stream().map(MomentCollector.TextDoc::text).toList());
        lock.writeLock().lock();
        try {
            removeLocked(mediaId);
            List<IndexEntry> entries = new ArrayList<>(docs.size());
            for (int i = 0; i < docs.size(); i++) {
                MomentCollector.TextDoc d = docs.get(i);
                String id = mediaId + ID_SEPARATOR + d.kind() + ID_SEPARATOR + i;
                LibraryFiles.StoredDoc stored = new LibraryFiles.StoredDoc(id, mediaId, d.kind(), seconds(d.start()), seconds(d.end()), d.text());
                documents.put(id, stored);
                keywords.add(id, d.text(), metadata(stored));
                entries.add(new IndexEntry(id, vectors.get(i).vector(), metadata(stored)));
            }
            textIndex.upsertAll(entries);
            int imageDocs = addVectors(mediaId, collected.vectors());
            media.put(mediaId, docs.size() + imageDocs);
            save();
            LOG.info("Library {}: indexed {} ({} text documents, {} image vectors)", dir, mediaId, docs.size(), imageDocs);
            return docs.size() + imageDocs;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private int addVectors(String mediaId, List<MomentCollector.VectorDoc> docs) {
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < docs.size(); i++) {
            MomentCollector.VectorDoc d = docs.get(i);
            if (image == null || !d.vector().model().equals(image.modelName())) {
                LOG.warn("Skipping a {} vector of {}: the library has no image model {}", d.vector().model(), mediaId, d.vector().model());
                continue;
            }
            entries.add(new IndexEntry(mediaId + ID_SEPARATOR + d.kind() + ID_SEPARATOR + "v" + i, d.vector().vector(),
                    new EntryMetadata(mediaId, d.kind(), d.at(), d.at(), Map.of("text", d.snippet()))));
        }
        if (!entries.isEmpty()) {
            imageIndex.upsertAll(entries);
        }
        return entries.size();
    }

    /**
     * Removes a media and saves the library.
     *
     * @param mediaId the media's id
     * @return whether it was in the library
     */
    public boolean remove(String mediaId) {
        lock.writeLock().lock();
        try {
            boolean present = removeLocked(mediaId);
            if (present) {
                save();
            }
            return present;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private boolean removeLocked(String mediaId) {
        boolean present = media.remove(mediaId) != null;
        textIndex.deleteIf(m -> m.mediaId().equals(mediaId));
        if (imageIndex != null) {
            imageIndex.deleteIf(m -> m.mediaId().equals(mediaId));
        }
        keywords.removeIf(m -> m.mediaId().equals(mediaId));
        documents.values().removeIf(d -> d.media().equals(mediaId));
        return present;
    }

    private void save() {
        // indexes first, manifest last: a crash in between leaves a library that reports the mismatch on opening
        textIndex.save(dir.resolve(LibraryFiles.TEXT_INDEX));
        if (imageIndex != null) {
            imageIndex.save(dir.resolve(imageIndexName(image.modelName())));
        }
        LibraryFiles.write(dir.resolve(LibraryFiles.DOCUMENTS), List.copyOf(documents.values()));
        LibraryFiles.write(dir.resolve(LibraryFiles.MANIFEST), new LibraryFiles.Manifest(LibraryFiles.VERSION, text.modelName(),
                text.dimension(), image == null ? "" : image.modelName(), media));
    }

    /**
     * @param query what to look for, in words
     * @param k     how many hits
     * @return the best hits, best first
     */
    public List<SearchHit> search(String query, int k) {
        return search(query, k, IndexFilter.ALL);
    }

    /**
     * @param query  what to look for, in words
     * @param k      how many hits
     * @param filter which media, kinds and time range to search
     * @return the best hits, best first
     */
    public List<SearchHit> search(String query, int k, IndexFilter filter) {
        Objects.requireNonNull(query, "query");
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        float[] q = text.embedQuery(query).vector();
        float[] qi = image == null ? null : image.textEmbedder().embedQuery(query).vector();
        int depth = Math.max(20, 4 * k);
        lock.readLock().lock();
        try {
            List<IndexHit> semantic = textIndex.search(q, depth, filter);
            List<IndexHit> visual = imageIndex == null ? List.of() : imageIndex.search(qi, depth, filter);
            List<KeywordIndex.Hit> lexical = keywordWeight > 0 ? keywords.search(query, depth, filter) : List.of();
            if (visual.isEmpty() && lexical.isEmpty()) {
                return semantic.stream().limit(k).map(h -> hit(h.metadata(), h.score())).toList();
            }
            Map<String, Double> fused = new HashMap<>();
            Map<String, EntryMetadata> meta = new HashMap<>();
            if (visual.isEmpty()) {
                // text only: cosine plus the weighted BM25 score, scaled to [0, 1] by the query's best
                semantic.forEach(h -> fused.put(h.id(), (double) h.score()));
                double best = lexical.isEmpty() ? 1 : lexical.get(0).score();
                lexical.forEach(h -> fused.merge(h.id(), keywordWeight * h.score() / best, Double::sum));
            } else {
                // scores of different spaces do not compare: fuse ranks
                fuse(semantic.stream().map(IndexHit::id).toList(), 1, fused);
                fuse(visual.stream().map(IndexHit::id).toList(), 1, fused);
                fuse(lexical.stream().map(KeywordIndex.Hit::id).toList(), keywordWeight, fused);
            }
            semantic.forEach(h -> meta.put(h.id(), h.metadata()));
            visual.forEach(h -> meta.put(h.id(), h.metadata()));
            lexical.forEach(h -> meta.put(h.id(), h.metadata()));
            return fused.entrySet().stream()
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(k).map(e -> hit(meta.get(e.getKey()), e.getValue())).toList();
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void fuse(List<String> ranked, double weight, Map<String, Double> fused) {
        for (int rank = 0; rank < ranked.size(); rank++) {
            fused.merge(ranked.get(rank), weight / (RRF_K + rank + 1), Double::sum);
        }
    }

    private SearchHit hit(EntryMetadata m, double score) {
        return new SearchHit(m.mediaId(), m.start(), m.kind(), score, m.attribute("text"));
    }

    /**
     * Answers a question from the library with {@link AskOptions#DEFAULT} settings.
     *
     * @param question the question
     * @param llm      the language model
     * @return the answer with valid citations
     */
    public Answer ask(String question, LanguageModel llm) {
        return ask(question, llm, AskOptions.DEFAULT);
    }

    /**
     * Retrieves the best excerpts, asks the model with them numbered, and keeps the citations that
     * point to one of them.
     *
     * @param question the question
     * @param llm      the language model
     * @param options  how many excerpts, which media, answer length
     * @return the answer with valid citations
     * @throws io.visionpipeline.llm.LanguageModelException when the model fails
     */
    public Answer ask(String question, LanguageModel llm, AskOptions options) {
        List<SearchHit> hits = search(question, options.excerpts(), options.filter());
        return AskPrompt.answer(question, hits, llm, options);
    }

    private static EntryMetadata metadata(LibraryFiles.StoredDoc d) {
        return new EntryMetadata(d.media(), d.kind(), duration(d.start()), duration(d.end()), Map.of("text", d.text()));
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    private static Duration duration(double seconds) {
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static String imageIndexName(String model) {
        return "image-" + model.replaceAll("[^a-zA-Z0-9._-]", "_") + ".vpi";
    }

    /** Closes the indexes and the embedders the library created itself. */
    @Override
    public void close() {
        textIndex.close();
        if (imageIndex != null) {
            imageIndex.close();
        }
        if (ownsEmbedders) {
            text.close();
        }
    }

    @Override
    public String toString() {
        return "MediaLibrary[" + dir + ", " + media.size() + " media, " + documents.size() + " documents]";
    }

    /** Configures a {@link MediaLibrary}; methods are named after what they set. */
    public static final class Builder {
        private final Path dir;
        private TextEmbedder textEmbedder;
        private String textModel;
        private ImageEmbedder imageEmbedder;
        private double keywordWeight = DEFAULT_KEYWORD_WEIGHT;
        private String indexProvider = "";
        private final List<ReportIndexer> indexers = new ArrayList<>();

        private Builder(Path dir) {
            this.dir = Objects.requireNonNull(dir, "dir").toAbsolutePath();
        }

        /**
         * @param model a text model id (default: the one an existing library was indexed with, else
         *              {@value Embedders#DEFAULT_TEXT_MODEL}); the library creates and closes it
         * @return this builder
         */
        public Builder textModel(String model) {
            this.textModel = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * @param embedder a text embedder the caller owns (shared between libraries, closed by the caller)
         * @return this builder
         */
        public Builder textEmbedder(TextEmbedder embedder) {
            this.textEmbedder = Objects.requireNonNull(embedder, "embedder");
            return this;
        }

        /**
         * @param embedder an image embedder (CLIP) whose frame vectors the library keeps and searches; caller-owned
         * @return this builder
         */
        public Builder imageEmbedder(ImageEmbedder embedder) {
            this.imageEmbedder = Objects.requireNonNull(embedder, "embedder");
            return this;
        }

        /**
         * @param weight weight of the keyword (BM25) ranking against the vector ranking's 1 in the
         *               reciprocal rank fusion; 0 ranks by vectors only (default
         *               {@value MediaLibrary#DEFAULT_KEYWORD_WEIGHT}; docs/search.md has the measurements)
         * @return this builder
         */
        public Builder keywordWeight(double weight) {
            if (!(weight >= 0 && weight <= 1)) {
                throw new IllegalArgumentException("keywordWeight must be in [0, 1]: " + weight);
            }
            this.keywordWeight = weight;
            return this;
        }

        /**
         * @param indexer an indexer to run besides those found with {@link java.util.ServiceLoader}
         * @return this builder
         */
        public Builder indexer(ReportIndexer indexer) {
            indexers.add(Objects.requireNonNull(indexer, "indexer"));
            return this;
        }

        /**
         * @param provider vector index provider for new libraries ({@code hnsw}, {@code flat}; default: the best available)
         * @return this builder
         */
        public Builder indexProvider(String provider) {
            this.indexProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        private String storedModel() {
            return Files.isRegularFile(dir.resolve(LibraryFiles.MANIFEST)) ? LibraryFiles.readManifest(dir).textModel()
                    : Embedders.DEFAULT_TEXT_MODEL;
        }

        /**
         * @return the library, loaded from its folder when it exists
         * @throws VisionPipelineException when the folder is damaged or was indexed with another text model
         */
        public MediaLibrary build() {
            TextEmbedder t = textEmbedder != null ? textEmbedder : Embedders.text(textModel != null ? textModel : storedModel());
            try {
                return new MediaLibrary(this, t, imageEmbedder);
            } catch (RuntimeException e) {
                if (textEmbedder == null) {
                    t.close();
                }
                throw e;
            }
        }
    }
}
