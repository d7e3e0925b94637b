package io.visionpipeline.examples;

import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.library.Answer;
import io.visionpipeline.library.Citation;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModels;

import java.nio.file.Path;

/**
 * Ask a question over an indexed library (see {@link IndexAndSearch}): the library retrieves the
 * matching moments, a language model answers from them and cites them as [n]; each citation names
 * the media and the time. The model is an OpenAI-compatible server (Ollama, llama.cpp server, vLLM,
 * {@code vp serve}) or a GGUF file run in-process.
 *
 * <pre>
 * ./vp example ask-question my-library http://localhost:11434/v1 "Who is on screen at the start?"
 * ./vp example ask-question my-library qwen2.5-0.5b-instruct-q4_k_m.gguf "Who is on screen at the start?"
 * </pre>
 */
public final class AskQuestion {
    private AskQuestion() {
    }

    /**
     * @param args the library folder, the language model (URL or .gguf file) and the question
     */
    public static void main(String[] args) {
        try (MediaLibrary library = MediaLibrary.open(Path.of(args[0]));
             LanguageModel llm = LanguageModels.open(args[1])) {
            Answer answer = library.ask(args[2], llm);
            System.out.println(answer.text());
            for (Citation citation : answer.citations()) {
                System.out.println("[" + citation.number() + "] " + citation.hit().media() + " @ " + citation.hit().time()
                        + ": " + citation.hit().snippet());
            }
        }
    }
}
