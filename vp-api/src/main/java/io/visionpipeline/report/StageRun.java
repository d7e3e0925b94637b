package io.visionpipeline.report;

import java.util.Map;
import java.util.Objects;

/**
 * Which stage ran on a media, with which provider, model and options.
 *
 * @param kind     stage kind, e.g. {@code faces}
 * @param provider provider name, e.g. {@code blazeface}
 * @param model    model description, e.g. {@code blazeface-short (128x128)}
 * @param options  the options the stage ran with
 * @since 0.1
 */
public record StageRun(String kind, String provider, String model, Map<String, String> options) {
    /** Validates and copies the fields. */
    public StageRun {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(provider, "provider");
        model = model == null ? "" : model;
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
