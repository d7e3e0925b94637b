package io.visionpipeline.core.llm;

import com.google.auto.service.AutoService;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModelProvider;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.util.Locale;
import java.util.Set;

/**
 * The {@code openai} language model provider: any {@code http(s)://} base URL except a direct
 * link to a {@code .gguf} file. Options: {@code model}, {@code timeout} (ms or ISO-8601),
 * {@code retries}.
 */
@AutoService(LanguageModelProvider.class)
public final class OpenAiProvider implements LanguageModelProvider {
    private static final Set<String> OPTIONS = Set.of("model", "timeout", "retries");

    @Override
    public String name() {
        return "openai";
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public boolean accepts(String target) {
        String t = target.toLowerCase(Locale.ROOT);
        return (t.startsWith("http://") || t.startsWith("https://")) && !t.endsWith(".gguf");
    }

    @Override
    public LanguageModel open(String target, StageOptions options) {
        options.requireKnown("the openai client", OPTIONS);
        return OpenAiChatModel.builder(target).model(options.get("model", null))
                .timeout(options.getDuration("timeout", OpenAiChatModel.DEFAULT_TIMEOUT))
                .maxRetries(options.getInt("retries", OpenAiChatModel.DEFAULT_MAX_RETRIES)).build();
    }
}
