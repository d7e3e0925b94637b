package io.visionpipeline.embedding;

import io.visionpipeline.media.ImageFrame;

import java.util.List;

/**
 * Turns frames into {@link Embedding}s in a space shared with a text embedder (CLIP and its
 * kind), so a text query finds frames. {@link #textEmbedder()} gives the text side of the same
 * model.
 *
 * <pre>{@code
 * try (ImageEmbedder clip = Embedders.image("clip-vit-b32")) {
 *     List<Embedding> frames = clip.embedImages(List.of(frame));
 *     Embedding query = clip.textEmbedder().embedQuery("a man on a bicycle");
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface ImageEmbedder extends AutoCloseable {

    /** @return the model's id */
    String modelName();

    /** @return the number of dimensions of every vector */
    int dimension();

    /**
     * @param frames the frames
     * @return one L2-normalised embedding per frame, in order
     * @throws io.visionpipeline.stage.StageException when the model fails
     */
    List<Embedding> embedImages(List<ImageFrame> frames);

    /** @return the text encoder of the same model, embedding into the same space */
    TextEmbedder textEmbedder();

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
