package io.visionpipeline.index;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * Which entries a search may return: some media, some kinds, a stretch of media time. Plain data,
 * so it can be sent to a remote index; an empty set means "any".
 *
 * <pre>{@code
 * IndexFilter onlyTranscripts = IndexFilter.ALL.kinds("transcript");
 * IndexFilter firstMinuteOfTalk = IndexFilter.ALL.media("talk.mp4").between(Duration.ZERO, Duration.ofMinutes(1));
 * }</pre>
 *
 * @param mediaIds the media to search in; empty for all
 * @param kinds    the entry kinds to return; empty for all
 * @param from     entries ending before this are left out; null for no bound
 * @param to       entries starting after this are left out; null for no bound
 * @since 0.1
 */
public record IndexFilter(Set<String> mediaIds, Set<String> kinds, Duration from, Duration to) {

    /** Every entry. */
    public static final IndexFilter ALL = new IndexFilter(Set.of(), Set.of(), null, null);

    /** Validates and copies the fields. */
    public IndexFilter {
        mediaIds = mediaIds == null ? Set.of() : Set.copyOf(mediaIds);
        kinds = kinds == null ? Set.of() : Set.copyOf(kinds);
        if (from != null && to != null && to.compareTo(from) < 0) {
            throw new IllegalArgumentException("time range ends (" + to + ") before it starts (" + from + ")");
        }
    }

    /**
     * @param ids media ids
     * @return this filter restricted to those media
     */
    public IndexFilter media(String... ids) {
        return new IndexFilter(Set.of(ids), kinds, from, to);
    }

    /**
     * @param entryKinds entry kinds
     * @return this filter restricted to those kinds
     */
    public IndexFilter kinds(String... entryKinds) {
        return new IndexFilter(mediaIds, Set.of(entryKinds), from, to);
    }

    /**
     * @param start earliest media time
     * @param end   latest media time
     * @return this filter restricted to entries overlapping [start, end]
     */
    public IndexFilter between(Duration start, Duration end) {
        return new IndexFilter(mediaIds, kinds, Objects.requireNonNull(start, "start"), Objects.requireNonNull(end, "end"));
    }

    /** @return whether this filter lets every entry through */
    public boolean isAll() {
        return mediaIds.isEmpty() && kinds.isEmpty() && from == null && to == null;
    }

    /**
     * @param metadata an entry's metadata
     * @return whether the entry passes
     */
    public boolean test(EntryMetadata metadata) {
        return (mediaIds.isEmpty() || mediaIds.contains(metadata.mediaId()))
                && (kinds.isEmpty() || kinds.contains(metadata.kind()))
                && (from == null || metadata.end().compareTo(from) >= 0)
                && (to == null || metadata.start().compareTo(to) <= 0);
    }
}
