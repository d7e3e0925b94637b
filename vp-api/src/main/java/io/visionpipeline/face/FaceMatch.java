package io.visionpipeline.face;

import java.util.Locale;
import java.util.Objects;

/**
 * A known person a face was recognised as.
 *
 * @param name       the person's enrolled name
 * @param similarity cosine similarity to the closest of their enrolled faces
 * @since 0.1
 */
public record FaceMatch(String name, double similarity) {

    /** Checks the name. */
    public FaceMatch {
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (%.3f)", name, similarity);
    }
}
