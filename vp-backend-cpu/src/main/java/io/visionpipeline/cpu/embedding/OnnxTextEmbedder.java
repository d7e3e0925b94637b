package io.visionpipeline.cpu.embedding;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.stage.StageException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A BERT-style sentence encoder on ONNX Runtime: texts are tokenised with the model's own
 * {@code tokenizer.json} (DJL's Hugging Face tokenizers, native library loaded from its jar),
 * sorted by length and run in batches padded to their longest text, and the last hidden state is
 * pooled ({@link io.visionpipeline.core.embedding.Pooling}) into unit vectors. Thread-safe: the
 * tokenizer and the ORT session may be used from several threads.
 *
 * <pre>{@code
 * try (OnnxTextEmbedder e = OnnxTextEmbedder.open(TextEmbeddingModel.ALL_MINILM_L6_V2_Q, ModelStore.defaults(), 1)) {
 *     List<Embedding> vectors = e.embedAll(List.of("the budget grew", "a cat on a mat"));
 * }
 * }</pre>
 */
public final class OnnxTextEmbedder implements TextEmbedder {
    /** Texts per ONNX run. */
    public static final int BATCH_SIZE = 32;
    private static final String OUTPUT = "last_hidden_state";

    static {
        // DJL would download its tokenizer library from the internet when it is not in the jar;
        // VisionPipeline never downloads without being asked: offline unless the user says otherwise.
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
    }

    private final TextEmbeddingModel model;
    private final HuggingFaceTokenizer tokenizer;
    private final OnnxModel onnx;
    private final boolean typeIds;
    private final int dimension;

    private OnnxTextEmbedder(TextEmbeddingModel model, HuggingFaceTokenizer tokenizer, OnnxModel onnx) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.onnx = onnx;
        this.typeIds = onnx.inputs().containsKey("token_type_ids");
        this.dimension = outputDimension(onnx);
    }

    /**
     * @param model   which model
     * @param store   where to get its files
     * @param threads ONNX Runtime threads per run
     * @return the embedder; close it
     * @throws ModelUnavailableException when the model files cannot be had or loaded
     */
    public static OnnxTextEmbedder open(TextEmbeddingModel model, ModelStore store, int threads) {
        Map<String, Path> files = store.files(model.id());
        HuggingFaceTokenizer tokenizer;
        try {
            tokenizer = HuggingFaceTokenizer.builder()
                    .optTokenizerPath(files.get(TextEmbeddingModel.TOKENIZER_FILE))
                    .optPadding(true).optTruncation(true).optMaxLength(model.maxTokens())
                    .build();
        } catch (IOException | RuntimeException | UnsatisfiedLinkError e) {
            throw new ModelUnavailableException(model.id(), "Cannot load the tokenizer of '" + model.id() + "' from "
                    + files.get(TextEmbeddingModel.TOKENIZER_FILE) + ": " + e.getMessage(), e);
        }
        try {
            return new OnnxTextEmbedder(model, tokenizer,
                    OnnxModel.load(model.id(), files.get(TextEmbeddingModel.ONNX_FILE), new OnnxModel.Options(threads)));
        } catch (RuntimeException e) {
            tokenizer.close();
            throw e;
        }
    }

    @Override
    public String modelName() {
        return model.id();
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public List<Embedding> embedAll(List<String> texts) {
        return embed(texts, model.documentPrefix());
    }

    @Override
    public Embedding embedQuery(String query) {
        return embed(List.of(query), model.queryPrefix()).get(0);
    }

    private List<Embedding> embed(List<String> texts, String prefix) {
        Embedding[] out = new Embedding[texts.size()];
        // similar lengths in one batch: less padding to compute over
        int[] order = IntStream.range(0, texts.size()).boxed()
                .sorted(Comparator.comparingInt(i -> texts.get(i).length())).mapToInt(Integer::intValue).toArray();
        for (int from = 0; from < order.length; from += BATCH_SIZE) {
            int to = Math.min(order.length, from + BATCH_SIZE);
            String[] batch = new String[to - from];
            for (int i = from; i < to; i++) {
                batch[i - from] = prefix + texts.get(order[i]);
            }
            float[][] vectors = run(batch);
            for (int i = from; i < to; i++) {
                out[order[i]] = new Embedding(model.id(), vectors[i - from]);
            }
        }
        return List.of(out);
    }

    private float[][] run(String[] batch) {
        Encoding[] encodings = tokenizer.batchEncode(batch);
        int b = encodings.length;
        int t = encodings[0].getIds().length;
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        long[] types = new long[b * t];
        for (int i = 0; i < b; i++) {
            System.arraycopy(encodings[i].getIds(), 0, ids, i * t, t);
            System.arraycopy(encodings[i].getAttentionMask(), 0, mask, i * t, t);
            System.arraycopy(encodings[i].getTypeIds(), 0, types, i * t, t);
        }
        long[] shape = {b, t};
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", onnx.tensor(ids, shape));
            inputs.put("attention_mask", onnx.tensor(mask, shape));
            if (typeIds) {
                inputs.put("token_type_ids", onnx.tensor(types, shape));
            }
            try (OrtSession.Result result = onnx.run(inputs)) {
                float[] hidden = onnx.floats(result, OUTPUT);
                return model.pooling().pool(hidden, mask, b, t, hidden.length / (b * t));
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /** Runs a two-token input once: the hidden size is what comes out per token. */
    private static int outputDimension(OnnxModel onnx) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", onnx.tensor(new long[] {101, 102}, new long[] {1, 2}));
            inputs.put("attention_mask", onnx.tensor(new long[] {1, 1}, new long[] {1, 2}));
            if (onnx.inputs().containsKey("token_type_ids")) {
                inputs.put("token_type_ids", onnx.tensor(new long[] {0, 0}, new long[] {1, 2}));
            }
            try (OrtSession.Result result = onnx.run(inputs)) {
                int perToken = onnx.floats(result, OUTPUT).length / 2;
                if (perToken < 1) {
                    throw new StageException("Model '" + onnx.name() + "' produced an empty " + OUTPUT);
                }
                return perToken;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    @Override
    public void close() {
        onnx.close();
        tokenizer.close();
    }

    @Override
    public String toString() {
        return "OnnxTextEmbedder[" + model.id() + ", " + dimension + "-d, " + model.pooling() + "]";
    }
}
