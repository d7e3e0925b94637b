package io.visionpipeline.redis.queue;

import io.visionpipeline.redis.internal.Arguments;

import java.time.Duration;

/**
 * How to read a stream ({@code XREADGROUP} / {@code XREAD}): at most {@code count} entries,
 * waiting up to {@code block} for the first one.
 *
 * <pre>{@code
 * queue.xreadgroup("worker-1", ReadOptions.count(64).block(Duration.ofSeconds(1)));
 * }</pre>
 *
 * @param count the most entries to return, at least 1
 * @param block how long to wait when there are none, or null to return at once
 * @since 0.1
 */
public record ReadOptions(int count, Duration block) {

    /** Validates the fields. */
    public ReadOptions {
        Arguments.atLeastOne("count", count);
        if (block != null) {
            Arguments.positive("block", block);
        }
    }

    /**
     * @param count the most entries to return
     * @return options that do not block
     */
    public static ReadOptions count(int count) {
        return new ReadOptions(count, null);
    }

    /**
     * @param block how long to wait for the first entry
     * @return these options, blocking
     */
    public ReadOptions block(Duration block) {
        return new ReadOptions(count, block);
    }
}
