package io.visionpipeline.cpu.clip;

import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.TextEmbedder;

import java.util.List;

/**
 * CLIP's text tower as a {@link TextEmbedder}: texts tokenised to CLIP's 77-token context (longer
 * ones are cut), {@value #BATCH_SIZE} per model run, projected and L2-normalised.
 */
public final class ClipTextEmbedder implements TextEmbedder {
    /** Texts per model run. */
    public static final int BATCH_SIZE = 32;

    private final ClipModel model;
    private final boolean owner;

    /**
     * @param model the CLIP model
     * @param owner whether closing this embedder closes the model
     */
    ClipTextEmbedder(ClipModel model, boolean owner) {
        this.model = model;
        this.owner = owner;
    }

    /**
     * @param model the CLIP model; the embedder owns it
     * @return its text side
     */
    public static ClipTextEmbedder of(ClipModel model) {
        return new ClipTextEmbedder(model, true);
    }

    @Override
    public String modelName() {
        return model.embeddingName();
    }

    @Override
    public int dimension() {
        return model.dimension();
    }

    @Override
    public List<Embedding> embedAll(List<String> texts) {
        return model.embedInBatches(texts, BATCH_SIZE, model::embedTexts);
    }

    /** Closes the model when this embedder owns it (the text side of an image embedder does not). */
    @Override
    public void close() {
        if (owner) {
            model.close();
        }
    }
}
