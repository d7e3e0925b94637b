package io.visionpipeline.cpu.llm;

import com.google.auto.service.AutoService;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModelProvider;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code llama-cpp} language model provider: a {@code .gguf} path, or an {@code https://}
 * link to one, fetched into the model cache once when downloads are allowed
 * ({@code models.allowDownloads=true} or {@code VP_MODELS_ALLOW_DOWNLOADS=true}). Options:
 * {@code contextSize}, {@code threads}, {@code seed}.
 */
@AutoService(LanguageModelProvider.class)
public final class LlamaCppProvider implements LanguageModelProvider {
    private static final Set<String> OPTIONS = Set.of("contextSize", "threads", "seed");
    private static volatile Availability availability;

    @Override
    public String name() {
        return "llama-cpp";
    }

    /** Loads llama.cpp's native library once; a platform without one is a reason, not an error. */
    @Override
    public Availability availability() {
        Availability a = availability;
        if (a == null) {
            try {
                Class.forName(LlamaCppModel.class.getName(), true, LlamaCppProvider.class.getClassLoader());
                a = Availability.AVAILABLE;
            } catch (ClassNotFoundException | LinkageError e) {
                a = Availability.unavailable("llama.cpp's native library cannot be loaded here (" + e
                        + "); java-llama.cpp 4.2.0 ships natives for Linux x86_64/aarch64, macOS and Windows");
            }
            availability = a;
        }
        return a;
    }

    @Override
    public boolean accepts(String target) {
        return target.toLowerCase(Locale.ROOT).endsWith(".gguf");
    }

    @Override
    public LanguageModel open(String target, StageOptions options) {
        options.requireKnown("llama-cpp", OPTIONS);
        LlamaCppModel.Options defaults = LlamaCppModel.Options.DEFAULT;
        LlamaCppModel.Options settings = new LlamaCppModel.Options(options.getInt("contextSize", defaults.contextSize()),
                options.getInt("threads", defaults.threads()), options.getInt("seed", (int) defaults.seed()));
        Path file = target.startsWith("https://")
                ? ModelStore.fromOptions(options).download(target.substring(target.lastIndexOf('/') + 1), URI.create(target))
                : Path.of(target);
        return LlamaCppModel.open(file, settings);
    }
}
