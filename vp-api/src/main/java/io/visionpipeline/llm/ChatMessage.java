package io.visionpipeline.llm;

import java.util.Objects;

/**
 * One message of a chat.
 *
 * @param role    who speaks
 * @param content what is said
 * @since 0.1
 */
public record ChatMessage(Role role, String content) {

    /** Who speaks, as OpenAI-compatible APIs name them. */
    public enum Role {
        /** Instructions for the model. */
        SYSTEM,
        /** The person asking. */
        USER,
        /** The model. */
        ASSISTANT;

        /** @return the lower-case wire name, e.g. {@code user} */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Validates the fields. */
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
    }

    /**
     * @param content instructions
     * @return a system message
     */
    public static ChatMessage system(String content) {
        return new ChatMessage(Role.SYSTEM, content);
    }

    /**
     * @param content the question
     * @return a user message
     */
    public static ChatMessage user(String content) {
        return new ChatMessage(Role.USER, content);
    }
}
