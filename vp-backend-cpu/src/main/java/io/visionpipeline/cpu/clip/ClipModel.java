package io.visionpipeline.cpu.clip;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.index.VectorMath;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.stage.StageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A CLIP model on ONNX Runtime: its image and text towers (separate files or one combined
 * model), tokenizer and image processor. Images go in as {@code pixel_values} [B, 3, 224, 224],
 * texts as {@code input_ids} (and {@code attention_mask} when the export takes it) [B, 77]; the
 * projected {@code image_embeds} / {@code text_embeds} come out and are L2-normalised. A combined
 * model is given a one-token text or a black image for the tower not wanted. Thread-safe.
 *
 * <pre>{@code
 * try (ClipModel clip = ClipModel.open(ClipFiles.inFolder(Path.of("clip-vit-base-patch32")), ModelStore.defaults(), OnnxModel.Options.DEFAULT)) {
 *     float[][] images = clip.embedImages(List.of(frame));
 *     float[][] texts = clip.embedTexts(List.of("a photo of a cat"));
 * }
 * }</pre>
 */
public final class ClipModel implements AutoCloseable {
    /** Model store id of OpenAI's BPE merges, for exports that ship no tokenizer files. */
    public static final String VOCAB_MODEL = "clip-bpe-vocab";
    static final String PIXELS = "pixel_values";
    static final String IDS = "input_ids";
    static final String MASK = "attention_mask";
    static final String IMAGE_EMBEDS = "image_embeds";
    static final String TEXT_EMBEDS = "text_embeds";
    private static final Logger LOG = LoggerFactory.getLogger(ClipModel.class);

    private final ClipFiles files;
    private final OnnxModel vision;
    private final OnnxModel text;
    private final ClipTokenizer tokenizer;
    private final ClipImageProcessor processor;
    private final int dimension;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private ClipModel(ClipFiles files, OnnxModel vision, OnnxModel text, ClipTokenizer tokenizer, ClipImageProcessor processor) {
        this.files = files;
        this.vision = vision;
        this.text = text;
        this.tokenizer = tokenizer;
        this.processor = processor;
        require(vision, PIXELS, IMAGE_EMBEDS);
        require(text, IDS, TEXT_EMBEDS);
        this.dimension = embedTexts(List.of(""))[0].length;
        int imageDimension = embedImages(List.of(ImageFrame.ofRgb(1, 1, new byte[3])))[0].length;
        if (imageDimension != dimension) {
            throw new ModelUnavailableException("clip", "CLIP model " + files.name() + " embeds images in " + imageDimension
                    + " dimensions and texts in " + dimension + ": the towers do not belong together");
        }
    }

    /**
     * @param files   the model's files
     * @param store   where OpenAI's merges come from when the files have no tokenizer
     * @param session ONNX Runtime settings
     * @return the model; close it
     * @throws ModelUnavailableException when a file cannot be loaded or the export lacks the standard inputs and outputs
     */
    public static ClipModel open(ClipFiles files, ModelStore store, OnnxModel.Options session) {
        ClipTokenizer tokenizer = files.vocab() != null ? ClipTokenizer.load(files.vocab(), files.merges())
                : ClipTokenizer.fromOpenAiMerges(files.merges() != null ? files.merges() : store.file(VOCAB_MODEL, "bpe_simple_vocab_16e6.js"));
        ClipImageProcessor processor = ClipImageProcessor.fromConfig(files.preprocessorConfig());
        OnnxModel vision = null;
        OnnxModel text = null;
        try {
            if (files.combined() != null) {
                vision = OnnxModel.load("clip " + files.name(), files.combined(), session);
                text = vision;
            } else {
                vision = OnnxModel.load("clip " + files.name() + " vision", files.vision(), session);
                text = OnnxModel.load("clip " + files.name() + " text", files.text(), session);
            }
            ClipModel model = new ClipModel(files, vision, text, tokenizer, processor);
            LOG.debug("CLIP {}: {} dimensions, {} towers", files.name(), model.dimension, files.combined() != null ? "combined" : "separate");
            return model;
        } catch (RuntimeException e) {
            closeAll(vision, text);
            throw e;
        }
    }

    /** @return the name of the weights */
    public String name() {
        return files.name();
    }

    /** @return the embedding dimension */
    public int dimension() {
        return dimension;
    }

    /** @return the tokenizer */
    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /** @return the image processor */
    public ClipImageProcessor processor() {
        return processor;
    }

    /**
     * @param frames frames, one model run
     * @return one unit vector per frame
     */
    public float[][] embedImages(List<ImageFrame> frames) {
        int side = processor.cropSize();
        int image = 3 * side * side;
        float[] pixels = new float[frames.size() * image];
        for (int i = 0; i < frames.size(); i++) {
            processor.pack(frames.get(i), pixels, i * image);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put(PIXELS, vision.tensor(pixels, new long[] {frames.size(), 3, side, side}));
            if (vision == text) {
                addTextInputs(inputs, List.of(""));
            }
            return run(vision, inputs, IMAGE_EMBEDS, frames.size());
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * @param texts texts, one model run
     * @return one unit vector per text
     */
    public float[][] embedTexts(List<String> texts) {
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            addTextInputs(inputs, texts);
            if (vision == text) {
                int side = processor.cropSize();
                inputs.put(PIXELS, text.tensor(new float[3 * side * side], new long[] {1, 3, side, side}));
            }
            return run(text, inputs, TEXT_EMBEDS, texts.size());
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * Embeds inputs in runs of at most {@code batch}.
     *
     * @param inputs all inputs
     * @param batch  most inputs per model run
     * @param embed  one model run
     * @param <T>    frames or texts
     * @return one embedding per input, named after the model
     */
    <T> List<Embedding> embedInBatches(List<T> inputs, int batch, Function<List<T>, float[][]> embed) {
        List<Embedding> out = new ArrayList<>(inputs.size());
        for (int from = 0; from < inputs.size(); from += batch) {
            for (float[] v : embed.apply(inputs.subList(from, Math.min(inputs.size(), from + batch)))) {
                out.add(new Embedding(embeddingName(), v));
            }
        }
        return out;
    }

    /** @return the model name embeddings carry: {@code clip:<weights>} */
    String embeddingName() {
        return "clip:" + files.name();
    }

    private void addTextInputs(Map<String, OnnxTensor> inputs, List<String> texts) {
        int n = ClipTokenizer.CONTEXT;
        long[] ids = new long[texts.size() * n];
        long[] mask = new long[ids.length];
        for (int i = 0; i < texts.size(); i++) {
            long[] encoded = tokenizer.encode(texts.get(i));
            System.arraycopy(encoded, 0, ids, i * n, n);
            java.util.Arrays.fill(mask, i * n, i * n + tokenizer.length(encoded), 1);
        }
        long[] shape = {texts.size(), n};
        inputs.put(IDS, text.tensor(ids, shape));
        if (text.inputs().containsKey(MASK)) {
            inputs.put(MASK, text.tensor(mask, shape));
        }
    }

    private static float[][] run(OnnxModel model, Map<String, OnnxTensor> inputs, String output, int count) {
        try (OrtSession.Result result = model.run(inputs)) {
            float[] flat = model.floats(result, output);
            if (count == 0 || flat.length % count != 0) {
                throw new StageException("Model '" + model.name() + "' returned " + flat.length + " " + output + " values for " + count + " inputs");
            }
            int d = flat.length / count;
            float[][] vectors = new float[count][];
            for (int i = 0; i < count; i++) {
                vectors[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
                VectorMath.normalize(vectors[i], 0, d);
            }
            return vectors;
        }
    }

    private static void require(OnnxModel model, String input, String output) {
        if (!model.inputs().containsKey(input) || !model.outputs().contains(output)) {
            throw new ModelUnavailableException("clip", "'" + model.name() + "' is not a standard CLIP ONNX export: it needs input '"
                    + input + "' and output '" + output + "' (has inputs " + model.inputs().keySet() + ", outputs " + model.outputs()
                    + "; export with CLIPVisionModelWithProjection / CLIPTextModelWithProjection, or the whole CLIPModel)");
        }
    }

    private static void closeAll(OnnxModel vision, OnnxModel text) {
        if (vision != null) {
            vision.close();
        }
        if (text != null && text != vision) {
            text.close();
        }
    }

    /** Closes the sessions; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeAll(vision, text);
        }
    }
}
