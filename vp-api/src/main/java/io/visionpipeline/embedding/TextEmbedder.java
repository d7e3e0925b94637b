package io.visionpipeline.embedding;

import java.util.List;

/**
 * Turns texts into {@link Embedding}s, batch first. Implementations are thread-safe and hold
 * native sessions, so share one instance and close it when done.
 *
 * <p>Retrieval models embed queries and documents differently (E5 prefixes {@code query:} and
 * {@code passage:}, BGE adds an instruction to queries): use {@link #embedQuery} for what the
 * user types and {@link #embedAll} for what is stored.
 *
 * <pre>{@code
 * try (TextEmbedder embedder = Embedders.text("all-minilm-l6-v2-q")) {
 *     List<Embedding> docs = embedder.embedAll(List.of("the budget grew by ten percent", "EXIT"));
 *     Embedding query = embedder.embedQuery("when does she mention the budget");
 *     double score = query.cosine(docs.get(0));
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface TextEmbedder extends AutoCloseable {

    /** @return the model's id, e.g. {@code all-minilm-l6-v2-q} */
    String modelName();

    /** @return the number of dimensions of every vector this model produces */
    int dimension();

    /**
     * Embeds texts to be stored and searched (documents, passages).
     *
     * @param texts the texts; empty strings are allowed
     * @return one L2-normalised embedding per text, in order
     * @throws io.visionpipeline.stage.StageException when the model fails
     */
    List<Embedding> embedAll(List<String> texts);

    /**
     * Embeds one document through the batch path.
     *
     * @param text the text
     * @return its embedding
     */
    default Embedding embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /**
     * Embeds a search query. The default embeds it as a document; models trained with query
     * instructions override this.
     *
     * @param query what the user searches for
     * @return its embedding
     */
    default Embedding embedQuery(String query) {
        return embed(query);
    }

    /** Releases native resources. Idempotent. */
    @Override
    void close();
}
