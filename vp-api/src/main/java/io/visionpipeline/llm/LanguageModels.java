package io.visionpipeline.llm;

import io.visionpipeline.internal.ServiceLookup;
import io.visionpipeline.stage.StageOptions;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Opens a {@link LanguageModel} with the first {@link LanguageModelProvider} that accepts the
 * target.
 *
 * <pre>{@code
 * LanguageModel server = LanguageModels.open("http://localhost:8080/v1");             // OpenAI-compatible
 * LanguageModel local  = LanguageModels.open("/models/qwen2.5-0.5b-instruct-q4.gguf"); // embedded llama.cpp
 * }</pre>
 *
 * @since 0.1
 */
public final class LanguageModels {
    private LanguageModels() {
    }

    /**
     * @param target an {@code http(s)://} base URL or a {@code .gguf} path
     * @return the model; the caller closes it
     */
    public static LanguageModel open(String target) {
        return open(target, StageOptions.EMPTY);
    }

    /**
     * @param target  an {@code http(s)://} base URL or a {@code .gguf} path
     * @param options provider options
     * @return the model; the caller closes it
     * @throws LanguageModelException when no provider accepts the target or the chosen one cannot run
     */
    public static LanguageModel open(String target, StageOptions options) {
        List<LanguageModelProvider> all = ServiceLookup.load(LanguageModelProvider.class);
        LanguageModelProvider provider = all.stream().filter(p -> p.accepts(target)).findFirst()
                .orElseThrow(() -> new LanguageModelException("No language model provider opens '" + target
                        + "': give an http(s):// base URL of an OpenAI-compatible server or a .gguf file"
                        + (all.isEmpty() ? " (no provider is on the class path: add vp-core / vp-backend-cpu)"
                        : " (providers: " + all.stream().map(LanguageModelProvider::name).collect(Collectors.joining(", ")) + ")")));
        if (!provider.availability().available()) {
            throw new LanguageModelException("The " + provider.name() + " language model provider cannot run here: "
                    + provider.availability().reason());
        }
        return provider.open(target, options);
    }
}
