package io.visionpipeline.library;

import io.visionpipeline.embedding.Embedding;

import java.time.Duration;

/**
 * Where a {@link ReportIndexer} puts what it finds in a report: texts to embed and search,
 * ready-made vectors (e.g. CLIP frame embeddings), and short facts that make up the per-moment
 * description ("2 people", "on-screen text 'EXIT'", "speech: …").
 *
 * @since 0.1
 */
public interface LibraryDocuments {

    /**
     * @param kind  what it is, e.g. {@code transcript}, {@code ocr}
     * @param start where it starts in media time
     * @param end   where it ends
     * @param text  the text, embedded with the library's text model and keyword-indexed
     */
    void text(String kind, Duration start, Duration end, String text);

    /**
     * @param kind    what it is, e.g. {@code frame}
     * @param at      its media time
     * @param vector  a vector in some model's space; kept when the library has that model
     * @param snippet what to show for a hit
     */
    void vector(String kind, Duration at, Embedding vector, String snippet);

    /**
     * @param at   the media time the fact holds at
     * @param fact a short phrase, e.g. {@code 2 people}
     */
    void fact(Duration at, String fact);
}
