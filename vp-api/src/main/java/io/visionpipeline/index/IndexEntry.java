package io.visionpipeline.index;

import java.util.Objects;

/**
 * One vector to add to a {@link VectorIndex}, under a caller-chosen id.
 *
 * @param id       unique id; adding an id again replaces the entry
 * @param vector   the vector; its length must be the index's dimension
 * @param metadata what it stands for
 * @since 0.1
 */
public record IndexEntry(String id, float[] vector, EntryMetadata metadata) {
    /** Validates the fields. */
    public IndexEntry {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(vector, "vector");
        Objects.requireNonNull(metadata, "metadata");
    }
}
