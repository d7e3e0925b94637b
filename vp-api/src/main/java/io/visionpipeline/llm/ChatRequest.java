package io.visionpipeline.llm;

import java.util.List;
import java.util.Objects;

/**
 * What to ask a {@link LanguageModel}.
 *
 * <pre>{@code
 * ChatRequest request = ChatRequest.of(ChatMessage.system("Answer briefly."), ChatMessage.user("What is 2+2?"))
 *         .withMaxTokens(64);
 * }</pre>
 *
 * @param messages    the conversation so far, not empty
 * @param maxTokens   the most tokens to generate, at least 1
 * @param temperature sampling temperature; 0 is greedy (deterministic)
 * @since 0.1
 */
public record ChatRequest(List<ChatMessage> messages, int maxTokens, double temperature) {

    /** Default answer length cap. */
    public static final int DEFAULT_MAX_TOKENS = 512;

    /** Validates and copies the fields. */
    public ChatRequest {
        messages = List.copyOf(Objects.requireNonNull(messages, "messages"));
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a chat request needs at least one message");
        }
        if (maxTokens < 1) {
            throw new IllegalArgumentException("maxTokens must be >= 1: " + maxTokens);
        }
        if (!(temperature >= 0 && temperature <= 2)) {
            throw new IllegalArgumentException("temperature must be in [0, 2]: " + temperature);
        }
    }

    /**
     * @param messages the conversation
     * @return a greedy request with the default length cap
     */
    public static ChatRequest of(ChatMessage... messages) {
        return new ChatRequest(List.of(messages), DEFAULT_MAX_TOKENS, 0);
    }

    /**
     * @param tokens the most tokens to generate
     * @return a copy with that cap
     */
    public ChatRequest withMaxTokens(int tokens) {
        return new ChatRequest(messages, tokens, temperature);
    }

    /**
     * @param value sampling temperature
     * @return a copy with that temperature
     */
    public ChatRequest withTemperature(double value) {
        return new ChatRequest(messages, maxTokens, value);
    }
}
