package io.visionpipeline.index;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What an index entry stands for, for filters and for showing a hit: the media it came from,
 * what kind of entry it is, the stretch of media time it covers, and free attributes.
 *
 * <pre>{@code
 * new EntryMetadata("talk.mp4", "transcript", Duration.ofSeconds(12), Duration.ofSeconds(15),
 *         Map.of("text", "the budget grew by ten percent"));
 * }</pre>
 *
 * @param mediaId    the media's id, e.g. its path
 * @param kind       the entry's kind, e.g. {@code frame}, {@code transcript}, {@code ocr}, {@code moment}
 * @param start      where it starts in media time
 * @param end        where it ends (equal to start for an instant)
 * @param attributes anything else to keep beside the vector (snippet text, identity id …)
 * @since 0.1
 */
public record EntryMetadata(String mediaId, String kind, Duration start, Duration end, Map<String, String> attributes) {

    /** Validates and copies the fields. */
    public EntryMetadata {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(kind, "kind");
        start = start == null ? Duration.ZERO : start;
        end = end == null ? start : end;
        if (end.compareTo(start) < 0) {
            throw new IllegalArgumentException("end " + end + " is before start " + start);
        }
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /**
     * @param key an attribute name
     * @return its value, or the empty string
     */
    public String attribute(String key) {
        return attributes.getOrDefault(key, "");
    }
}
