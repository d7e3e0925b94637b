package io.visionpipeline.index;

import io.visionpipeline.stage.StageOptions;

import java.util.Objects;

/**
 * What a new {@link VectorIndex} holds: vectors of one dimension compared with one metric, plus
 * provider options (e.g. {@code maxDegree} for a graph index).
 *
 * @param dimension vector length, at least 1
 * @param metric    how vectors are compared
 * @param options   provider options
 * @since 0.1
 */
public record IndexConfig(int dimension, Metric metric, StageOptions options) {

    /** Validates the fields. */
    public IndexConfig {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1: " + dimension);
        }
        Objects.requireNonNull(metric, "metric");
        options = options == null ? StageOptions.EMPTY : options;
    }

    /**
     * @param dimension vector length
     * @param metric    how vectors are compared
     * @return a config with default options
     */
    public static IndexConfig of(int dimension, Metric metric) {
        return new IndexConfig(dimension, metric, StageOptions.EMPTY);
    }
}
