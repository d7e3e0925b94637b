package io.visionpipeline.index;

/**
 * How a {@link VectorIndex} compares vectors. Scores are "higher is closer" for all three, so hits
 * sort the same way whatever the metric.
 *
 * @since 0.1
 */
public enum Metric {
    /** Cosine similarity in [-1, 1]; vectors are L2-normalised when added and when searched. */
    COSINE,
    /** Dot product, for vectors that are already normalised or where magnitude matters. */
    DOT,
    /** Negated squared Euclidean distance (0 for identical vectors, more negative when farther). */
    L2
}
