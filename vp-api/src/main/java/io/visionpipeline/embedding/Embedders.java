package io.visionpipeline.embedding;

import io.visionpipeline.internal.ServiceLookup;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageOptions;

import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Creates embedders by model id from the {@link EmbedderProvider}s on the class path.
 *
 * <pre>{@code
 * try (TextEmbedder minilm = Embedders.text()) { ... }                          // the default model
 * try (TextEmbedder e5 = Embedders.text("e5-small-v2-q", StageOptions.EMPTY)) { ... }
 * System.out.println(Embedders.textModels());   // what can be chosen
 * }</pre>
 *
 * @since 0.1
 */
public final class Embedders {
    /** The default text model: all-MiniLM-L6-v2, int8 (384 dimensions). */
    public static final String DEFAULT_TEXT_MODEL = "all-minilm-l6-v2-q";

    private Embedders() {
    }

    /** @return the default text embedder; the caller closes it */
    public static TextEmbedder text() {
        return text(DEFAULT_TEXT_MODEL, StageOptions.EMPTY);
    }

    /**
     * @param model a text model id, e.g. {@code bge-small-en-v15-q}
     * @return an embedder for it; the caller closes it
     */
    public static TextEmbedder text(String model) {
        return text(model, StageOptions.EMPTY);
    }

    /**
     * @param model   a text model id
     * @param options provider options
     * @return an embedder for it; the caller closes it
     * @throws StageException naming the known models when no available provider has this one
     */
    public static TextEmbedder text(String model, StageOptions options) {
        return provider(model, EmbedderProvider::textModels).createText(model, options);
    }

    /**
     * @param model   an image model id
     * @param options provider options
     * @return an embedder for it; the caller closes it
     * @throws StageException naming the known models when no available provider has this one
     */
    public static ImageEmbedder image(String model, StageOptions options) {
        return provider(model, EmbedderProvider::imageModels).createImage(model, options);
    }

    /** @return every text model id some provider on the class path knows */
    public static List<String> textModels() {
        return ServiceLookup.load(EmbedderProvider.class).stream().flatMap(p -> p.textModels().stream())
                .collect(Collectors.toCollection(TreeSet::new)).stream().toList();
    }

    private static EmbedderProvider provider(String model, Function<EmbedderProvider, java.util.Set<String>> models) {
        List<EmbedderProvider> all = ServiceLookup.load(EmbedderProvider.class);
        List<EmbedderProvider> knowing = all.stream().filter(p -> models.apply(p).contains(model))
                .sorted(Comparator.comparingInt(EmbedderProvider::priority).reversed()).toList();
        if (knowing.isEmpty()) {
            throw new StageException("Unknown embedding model '" + model + "'; known: "
                    + (all.isEmpty() ? "none (add vp-backend-cpu to the class path)"
                    : all.stream().flatMap(p -> models.apply(p).stream()).sorted().collect(Collectors.joining(", "))));
        }
        return knowing.stream().filter(p -> p.availability().available()).findFirst()
                .orElseThrow(() -> new StageException("No provider of embedding model '" + model + "' can run here: "
                        + knowing.stream().map(p -> p.name() + " (" + p.availability().reason() + ")").collect(Collectors.joining("; "))));
    }
}
