package io.visionpipeline.embedding;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * A vector that places a text or an image in a model's embedding space. Vectors from one model
 * can be compared with each other (cosine similarity, dot product); vectors from different models
 * cannot, so each embedding names its model.
 *
 * <pre>{@code
 * Embedding a = embedder.embed("a man on a bicycle");
 * Embedding b = embedder.embed("someone riding a bike");
 * double similarity = a.cosine(b);     // close to 1 for paraphrases
 * }</pre>
 *
 * @param model  the model that produced the vector, e.g. {@code all-minilm-l6-v2-q}
 * @param vector the values; not copied on access, do not modify
 * @since 0.1
 */
public record Embedding(String model, float[] vector) {

    /** Validates the fields and copies the vector. */
    public Embedding {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("an embedding needs at least one dimension");
        }
        vector = vector.clone();
    }

    /** @return the number of dimensions */
    public int dimension() {
        return vector.length;
    }

    /**
     * @param other an embedding of the same model
     * @return the cosine of the angle between the two vectors, in [-1, 1]
     * @throws IllegalArgumentException when the models or dimensions differ
     */
    public double cosine(Embedding other) {
        if (!model.equals(other.model) || vector.length != other.vector.length) {
            throw new IllegalArgumentException("cannot compare an embedding of " + model + " (" + vector.length
                    + "-d) with one of " + other.model + " (" + other.vector.length + "-d)");
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < vector.length; i++) {
            dot += vector[i] * other.vector[i];
            na += vector[i] * vector[i];
            nb += other.vector[i] * other.vector[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Embedding e && model.equals(e.model) && Arrays.equals(vector, e.vector);
    }

    @Override
    public int hashCode() {
        return 31 * model.hashCode() + Arrays.hashCode(vector);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Embedding[%s, %d-d, %s…]", model, vector.length,
                Arrays.toString(Arrays.copyOf(vector, Math.min(3, vector.length))));
    }
}
