package io.visionpipeline.llm;

import java.util.function.Consumer;

/**
 * A chat model: a remote OpenAI-compatible server (Ollama, vLLM, llama.cpp server, OpenAI) or a
 * local GGUF model. Thread-safe; close it to release connections or native memory.
 *
 * <pre>{@code
 * try (LanguageModel llm = LanguageModels.open("http://localhost:11434/v1")) {   // or a .gguf path
 *     ChatResponse r = llm.chat(ChatRequest.of(ChatMessage.user("Say hi")));
 *     llm.stream(ChatRequest.of(ChatMessage.user("Count to 3")), System.out::print);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface LanguageModel extends AutoCloseable {

    /** @return the model's name, e.g. {@code llama3.2} or a GGUF file name */
    String name();

    /**
     * @param request the conversation and sampling settings
     * @return the answer
     * @throws LanguageModelException when the model fails
     */
    ChatResponse chat(ChatRequest request);

    /**
     * Generates an answer piece by piece.
     *
     * @param request the conversation and sampling settings
     * @param tokens  receives each piece of text as it is generated
     * @return the whole answer once done
     * @throws LanguageModelException when the model fails
     */
    ChatResponse stream(ChatRequest request, Consumer<String> tokens);

    /** Releases connections or native memory. Idempotent. */
    @Override
    void close();
}
