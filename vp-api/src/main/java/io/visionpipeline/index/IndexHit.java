package io.visionpipeline.index;

import java.util.Locale;
import java.util.Objects;

/**
 * One result of a {@link VectorIndex} search.
 *
 * @param id       the entry's id
 * @param score    similarity under the index's {@link Metric}; higher is closer
 * @param metadata what the entry stands for
 * @since 0.1
 */
public record IndexHit(String id, float score, EntryMetadata metadata) {
    /** Validates the fields. */
    public IndexHit {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(metadata, "metadata");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "IndexHit[%s %.4f %s/%s]", id, score, metadata.mediaId(), metadata.kind());
    }
}
