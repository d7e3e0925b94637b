package io.visionpipeline.core.library;

import io.visionpipeline.index.IndexFilter;

import java.util.Objects;

/**
 * How {@link MediaLibrary#ask} works: how many excerpts the model sees, which part of the library
 * they come from, and how long the answer may be.
 *
 * @param excerpts  excerpts retrieved and numbered for the model, at least 1
 * @param filter    which media, kinds and times to retrieve from
 * @param maxTokens the longest answer, in tokens
 */
public record AskOptions(int excerpts, IndexFilter filter, int maxTokens) {
    /** Eight excerpts from the whole library, answers up to 400 tokens. */
    public static final AskOptions DEFAULT = new AskOptions(8, IndexFilter.ALL, 400);

    /** Validates the fields. */
    public AskOptions {
        if (excerpts < 1 || maxTokens < 1) {
            throw new IllegalArgumentException("excerpts and maxTokens must be >= 1: " + excerpts + ", " + maxTokens);
        }
        Objects.requireNonNull(filter, "filter");
    }
}
