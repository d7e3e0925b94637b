package io.visionpipeline.redis.queue;

import io.visionpipeline.redis.internal.Arguments;

import java.time.Duration;
import java.util.Objects;

/**
 * How to claim stale jobs ({@code XAUTOCLAIM}): entries idle for at least {@code minIdle}, at
 * most {@code count}, scanning the pending entries from {@code start} (pass back
 * {@link ClaimedJobs#next()} to go on; {@code 0-0} starts over).
 *
 * <pre>{@code
 * ClaimedJobs stale = queue.xautoclaim("worker-1", ClaimOptions.minIdle(Duration.ofSeconds(30)).count(16));
 * }</pre>
 *
 * @param minIdle how long an entry must have gone untouched (the visibility timeout)
 * @param count   the most entries to claim, at least 1
 * @param start   where to start scanning the pending entries
 * @since 0.1
 */
public record ClaimOptions(Duration minIdle, int count, String start) {
    /** Scan from the beginning. */
    public static final String FROM_START = "0-0";

    /** Validates the fields. */
    public ClaimOptions {
        Objects.requireNonNull(minIdle, "minIdle");
        if (minIdle.isNegative()) {
            throw new IllegalArgumentException("minIdle must be >= 0: " + minIdle);
        }
        Arguments.atLeastOne("count", count);
        Objects.requireNonNull(start, "start");
    }

    /**
     * @param minIdle how long an entry must have gone untouched
     * @return options claiming one entry from the start
     */
    public static ClaimOptions minIdle(Duration minIdle) {
        return new ClaimOptions(minIdle, 1, FROM_START);
    }

    /**
     * @param count the most entries to claim
     * @return these options with that count
     */
    public ClaimOptions count(int count) {
        return new ClaimOptions(minIdle, count, start);
    }

    /**
     * @param start where to start scanning
     * @return these options with that start
     */
    public ClaimOptions start(String start) {
        return new ClaimOptions(minIdle, count, start);
    }
}
