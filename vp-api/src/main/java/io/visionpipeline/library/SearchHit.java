package io.visionpipeline.library;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * One search result of a media library: where in which media, what kind of thing matched, how
 * well, and a snippet to show.
 *
 * @param media     the media's id (its path or URI)
 * @param timestamp where in the media the match starts
 * @param kind      what matched: {@code moment}, {@code faces}, {@code transcript}, {@code ocr}, {@code frame} …
 * @param score     relevance; higher is better (comparable within one result list)
 * @param snippet   the matched text, or a description of the moment
 * @since 0.1
 */
public record SearchHit(String media, Duration timestamp, String kind, double score, String snippet) {
    /** Validates the fields. */
    public SearchHit {
        Objects.requireNonNull(media, "media");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(kind, "kind");
        snippet = snippet == null ? "" : snippet;
    }

    /** @return the timestamp as {@code m:ss.s} */
    public String time() {
        long millis = timestamp.toMillis();
        return String.format(Locale.ROOT, "%d:%04.1f", millis / 60_000, millis % 60_000 / 1000.0);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s @ %s [%s %.3f] %s", media, time(), kind, score, snippet);
    }
}
