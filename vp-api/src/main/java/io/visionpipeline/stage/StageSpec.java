package io.visionpipeline.stage;

import java.util.Map;
import java.util.Objects;

/**
 * Which stage to run: its kind, the provider (empty = the best available one) and its options.
 * Plain data, so a pipeline can be sent to remote workers.
 *
 * @param kind     the stage kind's name, e.g. {@code faces}
 * @param provider the provider's name, e.g. {@code blazeface}; empty picks the best available
 * @param options  provider options
 * @since 0.1
 */
public record StageSpec(String kind, String provider, Map<String, String> options) {

    /** Validates and normalises the fields. */
    public StageSpec {
        Objects.requireNonNull(kind, "kind");
        provider = provider == null ? "" : provider;
        options = StageOptions.of(options == null ? Map.of() : options).asMap();
    }

    /**
     * @param kind the kind's name
     * @return a spec for the best available provider with default options
     */
    public static StageSpec of(String kind) {
        return new StageSpec(kind, "", Map.of());
    }

    /** @return the options as {@link StageOptions} */
    public StageOptions stageOptions() {
        return StageOptions.of(options);
    }
}
