package io.visionpipeline.llm;

import java.util.Objects;

/**
 * What a {@link LanguageModel} answered.
 *
 * @param text         the generated text
 * @param model        the model that answered, as it names itself
 * @param finishReason why generation stopped: {@code stop}, {@code length} …
 * @since 0.1
 */
public record ChatResponse(String text, String model, String finishReason) {
    /** Validates the fields. */
    public ChatResponse {
        Objects.requireNonNull(text, "text");
        model = model == null ? "" : model;
        finishReason = finishReason == null ? "" : finishReason;
    }
}
