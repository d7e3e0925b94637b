package io.visionpipeline.core.library;

import io.visionpipeline.library.Answer;
import io.visionpipeline.library.Citation;
import io.visionpipeline.library.SearchHit;
import io.visionpipeline.llm.ChatMessage;
import io.visionpipeline.llm.ChatRequest;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModel;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The retrieval-augmented prompt and the citation check: excerpts numbered [1]..[n] with media
 * and time, and afterwards every [n] (or [n, m]) in the answer is matched against them. Markers
 * that name no excerpt are dropped from the citations and removed from the text.
 */
final class AskPrompt {
    static final String SYSTEM = "You answer questions about a library of videos, images and audio using only the numbered "
            + "excerpts you are given. Cite the excerpts you use as [n], e.g. [2]. If the excerpts do not answer the question, "
            + "say that the library does not show it.";
    private static final Pattern MARKER = Pattern.compile("\\[(\\d+(?:\\s*,\\s*\\d+)*)]");

    private AskPrompt() {
    }

    static String excerpts(List<SearchHit> hits) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < hits.size(); i++) {
            SearchHit h = hits.get(i);
            s.append('[').append(i + 1).append("] ").append(h.media()).append(" at ").append(h.time())
                    .append(" (").append(h.kind()).append("): ").append(h.snippet()).append('\n');
        }
        return s.toString();
    }

    static Answer answer(String question, List<SearchHit> hits, LanguageModel llm, AskOptions options) {
        if (hits.isEmpty()) {
            return new Answer(question, "The library has nothing that matches this question.", List.of(), List.of(), 0, llm.name());
        }
        ChatRequest request = new ChatRequest(List.of(ChatMessage.system(SYSTEM),
                ChatMessage.user("Excerpts:\n" + excerpts(hits) + "\nQuestion: " + question)), options.maxTokens(), 0);
        ChatResponse response = llm.chat(request);
        return cite(question, response, hits);
    }

    static Answer cite(String question, ChatResponse response, List<SearchHit> hits) {
        Set<Integer> valid = new LinkedHashSet<>();
        int dropped = 0;
        Matcher m = MARKER.matcher(response.text());
        StringBuilder text = new StringBuilder();
        while (m.find()) {
            List<String> kept = new ArrayList<>();
            for (String n : m.group(1).split(",")) {
                int number = Integer.parseInt(n.trim());
                if (number >= 1 && number <= hits.size()) {
                    valid.add(number);
                    kept.add(Integer.toString(number));
                } else {
                    dropped++;
                }
            }
            m.appendReplacement(text, kept.isEmpty() ? "" : Matcher.quoteReplacement("[" + String.join(", ", kept) + "]"));
        }
        m.appendTail(text);
        List<Citation> citations = valid.stream().map(n -> new Citation(n, hits.get(n - 1))).toList();
        String cleaned = text.toString().replaceAll("[ \\t]+([.,;:!?])", "$1").replaceAll("[ \\t]{2,}", " ").strip();
        return new Answer(question, cleaned, citations, hits, dropped, response.model());
    }
}
