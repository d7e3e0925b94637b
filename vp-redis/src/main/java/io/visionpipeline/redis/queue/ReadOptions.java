package io.visionpipeline.redis.queue;

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
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1: " + count);
        }
        if (block != null && (block.isNegative() || block.isZero())) {
            throw new IllegalArgumentException("block must be positive: " + block);
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
