package io.visionpipeline.cpu.clip;

import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.ImageEmbedder;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.media.ImageFrame;

import java.util.List;

/**
 * CLIP's image tower as an {@link ImageEmbedder}; {@link #textEmbedder()} is the text tower of
 * the same model, embedding into the same space. Frames run {@value #BATCH_SIZE} per model run.
 * Closing this embedder closes the model, its text side included.
 *
 * <pre>{@code
 * try (ImageEmbedder clip = Embedders.image("clip", StageOptions.of("model", "/models/clip-vit-base-patch32"))) {
 *     Embedding frame = clip.embedImages(List.of(frame)).get(0);
 *     double score = frame.cosine(clip.textEmbedder().embedQuery("a man on a bicycle"));
 * }
 * }</pre>
 */
public final class ClipImageEmbedder implements ImageEmbedder {
    /** Frames per model run. */
    public static final int BATCH_SIZE = 8;

    private final ClipModel model;
    private final ClipTextEmbedder text;

    /**
     * @param model the CLIP model; this embedder owns it
     */
    public ClipImageEmbedder(ClipModel model) {
        this.model = model;
        this.text = new ClipTextEmbedder(model, false);
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
    public List<Embedding> embedImages(List<ImageFrame> frames) {
        return model.embedInBatches(frames, BATCH_SIZE, model::embedImages);
    }

    @Override
    public TextEmbedder textEmbedder() {
        return text;
    }

    @Override
    public void close() {
        model.close();
    }
}
