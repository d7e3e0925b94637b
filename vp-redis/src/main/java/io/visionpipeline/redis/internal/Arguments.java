package io.visionpipeline.redis.internal;

import java.time.Duration;
import java.util.Objects;

/** The argument checks of vp-redis's builders and option objects. Internal: not part of the API. */
public final class Arguments {
    private Arguments() {
    }

    /**
     * @param name  the argument's name, for the message
     * @param value a duration
     * @return the value
     * @throws IllegalArgumentException naming the argument unless the value is positive
     */
    public static Duration positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + value);
        }
        return value;
    }

    /**
     * @param name  the argument's name, for the message
     * @param value a count
     * @return the value
     * @throws IllegalArgumentException naming the argument unless the value is at least 1
     */
    public static int atLeastOne(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1: " + value);
        }
        return value;
    }
}
