package io.visionpipeline.embedding;

import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.util.Set;

/**
 * Creates embedders for the models it knows. Found with {@link java.util.ServiceLoader}; register
 * with {@code @AutoService(EmbedderProvider.class)}. {@link Embedders} picks the provider that
 * lists the wanted model, the highest {@link #priority()} first.
 *
 * <pre>{@code
 * @AutoService(EmbedderProvider.class)
 * public final class MyProvider implements EmbedderProvider {
 *     public String name() { return "my-embedders"; }
 *     public int priority() { return 10; }
 *     public Availability availability() { return Availability.AVAILABLE; }
 *     public Set<String> textModels() { return Set.of("my-model"); }
 *     public TextEmbedder createText(String model, StageOptions options) { return new MyEmbedder(); }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface EmbedderProvider {

    /** @return the provider's unique name, e.g. {@code onnx} */
    String name();

    /** @return higher wins when several providers know a model; built-in defaults use 100 */
    int priority();

    /** @return whether the provider can run here, and if not, why; never throws */
    Availability availability();

    /** @return ids of the text models this provider creates */
    Set<String> textModels();

    /** @return ids of the image models this provider creates (none by default) */
    default Set<String> imageModels() {
        return Set.of();
    }

    /**
     * @param model   one of {@link #textModels()}
     * @param options provider options (model store settings such as {@code models.allowDownloads})
     * @return a new embedder; the caller closes it
     * @throws io.visionpipeline.model.ModelUnavailableException when the model cannot be had
     */
    TextEmbedder createText(String model, StageOptions options);

    /**
     * @param model   one of {@link #imageModels()}
     * @param options provider options
     * @return a new embedder; the caller closes it
     * @throws UnsupportedOperationException when the provider has no image models
     */
    default ImageEmbedder createImage(String model, StageOptions options) {
        throw new UnsupportedOperationException(name() + " has no image embedders");
    }
}
