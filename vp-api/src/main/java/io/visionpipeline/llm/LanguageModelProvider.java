package io.visionpipeline.llm;

import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

/**
 * Opens {@link LanguageModel}s from a target string: an {@code http(s)://} base URL for a server,
 * a {@code .gguf} path for a local model. Found with {@link java.util.ServiceLoader}; register with
 * {@code @AutoService(LanguageModelProvider.class)}.
 *
 * @since 0.1
 */
public interface LanguageModelProvider {

    /** @return the provider's unique name, e.g. {@code openai} or {@code llama-cpp} */
    String name();

    /** @return whether the provider can run here, and if not, why; never throws */
    Availability availability();

    /**
     * @param target a URL or a model path
     * @return whether this provider opens such targets
     */
    boolean accepts(String target);

    /**
     * @param target  a URL or a model path this provider {@link #accepts}
     * @param options provider options (e.g. {@code model}, {@code timeout}, {@code threads})
     * @return the model; the caller closes it
     * @throws LanguageModelException when it cannot be opened
     */
    LanguageModel open(String target, StageOptions options);
}
