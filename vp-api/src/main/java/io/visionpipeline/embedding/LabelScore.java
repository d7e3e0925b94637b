package io.visionpipeline.embedding;

import java.util.Locale;
import java.util.Objects;

/**
 * How well one label fits an image, by {@link ZeroShotClassifier}.
 *
 * @param label       the label
 * @param probability softmax over the labels of the scaled similarities, in [0, 1]
 * @param similarity  cosine similarity of the image and the label's (ensembled) text embedding
 * @since 0.1
 */
public record LabelScore(String label, double probability, double similarity) {

    /** Validates the fields. */
    public LabelScore {
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s %.3f (cos %.3f)", label, probability, similarity);
    }
}
