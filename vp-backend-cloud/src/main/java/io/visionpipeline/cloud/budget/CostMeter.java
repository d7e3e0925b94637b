package io.visionpipeline.cloud.budget;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Charges rented instances against a {@link Budget}: each open charge accrues its price per hour
 * times the wall time since it was opened (boot and idle included) until it is closed. Decides
 * whether another instance may be rented ({@link #admit}) and whether running ones must go
 * ({@link #mustShed}). Thread-safe; time comes from the caller, so a simulation can run hours in
 * milliseconds.
 *
 * <pre>{@code
 * CostMeter meter = new CostMeter(Budget.of(1.00, 10.00));
 * if (meter.admit(offer.dphTotal(), now).allowed()) {
 *     meter.open("vp-jobs-1", offer.dphTotal(), now);          // charged from here
 * }
 * meter.close("vp-jobs-1", later);                             // confirmed gone: charging stops
 * double spent = meter.spent(clock.instant());
 * }</pre>
 *
 * @since 0.1
 */
public final class CostMeter {
    private static final double SECONDS_PER_HOUR = 3600.0;

    private final Budget budget;
    private final Map<String, Charge> charges = new LinkedHashMap<>();

    /**
     * @param budget the limits
     */
    public CostMeter(Budget budget) {
        this.budget = Objects.requireNonNull(budget, "budget");
    }

    /** @return the limits */
    public Budget budget() {
        return budget;
    }

    /**
     * Starts charging an instance.
     *
     * @param key        the instance (its label)
     * @param usdPerHour its price per hour
     * @param at         when it was rented
     * @throws IllegalStateException when the key is charged already
     */
    public synchronized void open(String key, double usdPerHour, Instant at) {
        if (charges.containsKey(key)) {
            throw new IllegalStateException("instance " + key + " is charged already");
        }
        charges.put(key, new Charge(key, usdPerHour, at));
    }

    /**
     * Changes an open charge's price from a moment on (the provider raised or lowered it).
     *
     * @param key        the instance
     * @param usdPerHour its new price per hour
     * @param at         from when
     */
    public synchronized void reprice(String key, double usdPerHour, Instant at) {
        Charge c = charges.get(key);
        if (c != null && c.closedAt == null && usdPerHour > 0 && usdPerHour != c.rate) {
            c.settle(at);
            c.rate = usdPerHour;
        }
    }

    /**
     * Stops charging an instance (it is confirmed gone). Closing twice keeps the first time.
     *
     * @param key the instance
     * @param at  when it was gone
     */
    public synchronized void close(String key, Instant at) {
        Charge c = charges.get(key);
        if (c != null && c.closedAt == null) {
            c.settle(at);
            c.closedAt = at;
        }
    }

    /**
     * @param now the current time
     * @return USD spent so far, open charges included up to {@code now}
     */
    public synchronized double spent(Instant now) {
        double total = 0;
        for (Charge c : charges.values()) {
            total += c.cost(now);
        }
        return total;
    }

    /** @return USD per hour the open charges cost together */
    public synchronized double burnPerHour() {
        double burn = 0;
        for (Charge c : charges.values()) {
            if (c.closedAt == null) {
                burn += c.rate;
            }
        }
        return burn;
    }

    /**
     * Whether one more instance at this price may be rented: the hour after renting it must stay
     * within the hourly limit and the total.
     *
     * @param usdPerHour the new instance's price per hour
     * @param now        the current time
     * @return the decision, with the reason when refused
     */
    public synchronized Admission admit(double usdPerHour, Instant now) {
        double burn = burnPerHour() + usdPerHour;
        if (burn > budget.maxPerHour()) {
            return Admission.refused(String.format(Locale.ROOT, "renting at $%.3f/h would raise spending to $%.3f/h, above the limit of $%.2f/h",
                    usdPerHour, burn, budget.maxPerHour()));
        }
        double spent = spent(now);
        double nextHour = spent + burn;
        if (nextHour > budget.maxTotal()) {
            return Admission.refused(String.format(Locale.ROOT, "$%.2f spent; the next hour at $%.3f/h would reach $%.2f, above the total of $%.2f",
                    spent, burn, nextHour, budget.maxTotal()));
        }
        return Admission.ALLOWED;
    }

    /**
     * Whether running instances must go now to keep spending within the budget: when the hourly
     * rate is above its limit (a price rose), or what is spent plus the guard window at the
     * current rate would exceed the total.
     *
     * @param now the current time
     * @return USD per hour to shed (0 when nothing must go)
     */
    public synchronized double mustShed(Instant now) {
        double burn = burnPerHour();
        double overRate = burn - budget.maxPerHour();
        double left = budget.maxTotal() - spent(now);
        double allowedBurn = left <= 0 ? 0 : left / cost(1, budget.guard());
        return Math.max(0, Math.max(overRate, burn - allowedBurn));
    }

    /**
     * @param now the current time
     * @return every charge so far, oldest first
     */
    public synchronized List<InstanceCharge> charges(Instant now) {
        List<InstanceCharge> all = new ArrayList<>(charges.size());
        for (Charge c : charges.values()) {
            all.add(new InstanceCharge(c.key, c.rate, c.openedAt, c.closedAt, c.cost(now)));
        }
        return all;
    }

    /**
     * @param key an instance
     * @param now the current time
     * @return what it cost so far, 0 when it was never charged
     */
    public synchronized double cost(String key, Instant now) {
        Charge c = charges.get(key);
        return c == null ? 0 : c.cost(now);
    }

    /**
     * @param usdPerHour a price per hour
     * @param time       how long
     * @return what that time costs at that price, in USD
     */
    public static double cost(double usdPerHour, Duration time) {
        return usdPerHour * time.toMillis() / 1000.0 / SECONDS_PER_HOUR;
    }

    /**
     * Whether an instance may be rented.
     *
     * @param allowed whether it may
     * @param reason  why not, empty when allowed
     */
    public record Admission(boolean allowed, String reason) {
        static final Admission ALLOWED = new Admission(true, "");

        static Admission refused(String reason) {
            return new Admission(false, reason);
        }
    }

    /**
     * One instance's charge.
     *
     * @param key        the instance (its label)
     * @param usdPerHour its (last) price per hour
     * @param openedAt   when charging started (rented)
     * @param closedAt   when it stopped (confirmed gone), null while open
     * @param cost       USD charged so far
     */
    public record InstanceCharge(String key, double usdPerHour, Instant openedAt, Instant closedAt, double cost) {
    }

    private static final class Charge {
        private final String key;
        private final Instant openedAt;
        private double rate;
        private Instant settledAt;
        private double settled;
        private Instant closedAt;

        Charge(String key, double rate, Instant openedAt) {
            this.key = key;
            this.rate = rate;
            this.openedAt = openedAt;
            this.settledAt = openedAt;
        }

        void settle(Instant at) {
            if (at.isAfter(settledAt)) {
                settled += CostMeter.cost(rate, Duration.between(settledAt, at));
                settledAt = at;
            }
        }

        double cost(Instant now) {
            if (closedAt != null || !now.isAfter(settledAt)) {
                return settled;
            }
            return settled + CostMeter.cost(rate, Duration.between(settledAt, now));
        }
    }
}
