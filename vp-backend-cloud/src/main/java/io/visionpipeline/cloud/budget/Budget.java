package io.visionpipeline.cloud.budget;

import io.visionpipeline.redis.internal.Arguments;

import java.time.Duration;
import java.util.Locale;

/**
 * A hard spending limit for rented instances: at most {@code maxPerHour} USD per hour for all
 * instances together, and at most {@code maxTotal} USD over the executor's life. Spending is
 * charged from each instance's {@code dph_total} times its wall time, boot and idle time
 * included, from the moment it is rented until it is confirmed gone.
 *
 * <p>An instance is rented only when the hour after renting it stays within both limits, and
 * instances are destroyed before the total is reached: whenever what is spent plus what the
 * running instances would spend over the {@linkplain #guard() guard window} would exceed it.
 *
 * <pre>{@code
 * Budget budget = Budget.of(2.00, 25.00);                        // $2/h at most, $25 in all
 * Budget careful = Budget.of(2.00, 25.00).guard(Duration.ofMinutes(10));
 * }</pre>
 *
 * @param maxPerHour the most all instances together may cost per hour, in USD
 * @param maxTotal   the most the executor may spend over its life, in USD
 * @param guard      how far ahead spending is projected when deciding to destroy instances;
 *                   longer than the autoscaler's tick plus the time a destroy takes
 * @since 0.1
 */
public record Budget(double maxPerHour, double maxTotal, Duration guard) {
    /** Default guard window. */
    public static final Duration DEFAULT_GUARD = Duration.ofMinutes(5);

    /** Validates the fields. */
    public Budget {
        if (!(maxPerHour > 0) || Double.isInfinite(maxPerHour)) {
            throw new IllegalArgumentException("maxPerHour must be a positive amount of USD: " + maxPerHour);
        }
        if (!(maxTotal > 0) || Double.isInfinite(maxTotal)) {
            throw new IllegalArgumentException("maxTotal must be a positive amount of USD: " + maxTotal);
        }
        Arguments.positive("guard", guard);
    }

    /**
     * @param maxPerHour the most all instances together may cost per hour, in USD
     * @param maxTotal   the most to spend in all, in USD
     * @return the budget, with the default guard window (5 minutes)
     */
    public static Budget of(double maxPerHour, double maxTotal) {
        return new Budget(maxPerHour, maxTotal, DEFAULT_GUARD);
    }

    /**
     * @param window how far ahead spending is projected before instances are destroyed
     * @return this budget with that guard window
     */
    public Budget guard(Duration window) {
        return new Budget(maxPerHour, maxTotal, window);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Budget[$%.2f/h, $%.2f in all, guard %s]", maxPerHour, maxTotal, guard);
    }
}
