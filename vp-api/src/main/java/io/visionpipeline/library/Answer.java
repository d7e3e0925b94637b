package io.visionpipeline.library;

import java.util.List;
import java.util.Objects;

/**
 * A language model's answer over a media library, with the excerpts it cites. Only citations
 * that point to an excerpt the model was actually given are kept; {@link #droppedCitations()}
 * counts the others.
 *
 * <pre>{@code
 * Answer a = library.ask("What does the speaker say about costs?", llm);
 * System.out.println(a.text());
 * a.citations().forEach(c -> System.out.println("[" + c.number() + "] " + c.hit().media() + " @ " + c.hit().time()));
 * }</pre>
 *
 * @param question          the question
 * @param text              the answer text, with {@code [n]} markers
 * @param citations         the valid citations, in order of first mention
 * @param retrieved         every excerpt given to the model, numbered from 1 in order
 * @param droppedCitations  how many {@code [n]} markers named no retrieved excerpt
 * @param model             the model that answered
 * @since 0.1
 */
public record Answer(String question, String text, List<Citation> citations, List<SearchHit> retrieved,
                     int droppedCitations, String model) {
    /** Validates and copies the fields. */
    public Answer {
        Objects.requireNonNull(question, "question");
        Objects.requireNonNull(text, "text");
        citations = List.copyOf(citations);
        retrieved = List.copyOf(retrieved);
        model = model == null ? "" : model;
    }
}
