package io.visionpipeline.library;

import java.util.Objects;

/**
 * A numbered excerpt an answer cites: {@code [2]} in the answer text points to {@link #hit()}.
 *
 * @param number the number used in the answer text
 * @param hit    the retrieved hit it refers to (media and timestamp)
 * @since 0.1
 */
public record Citation(int number, SearchHit hit) {
    /** Validates the fields. */
    public Citation {
        if (number < 1) {
            throw new IllegalArgumentException("citation numbers start at 1: " + number);
        }
        Objects.requireNonNull(hit, "hit");
    }
}
