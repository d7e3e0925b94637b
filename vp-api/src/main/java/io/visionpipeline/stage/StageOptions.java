package io.visionpipeline.stage;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * String options for a stage provider ({@code model=full}, {@code threshold=0.6}), with typed
 * getters that fail with the option's name when a value does not parse. Options are plain strings
 * so a pipeline can be sent to remote workers as JSON.
 *
 * <p>Keys starting with {@code models.} are read by the model store, not the provider:
 * {@code models.dir} (cache directory) and {@code models.allowDownloads} ({@code true}/{@code false}).
 *
 * <pre>{@code
 * StageOptions opts = StageOptions.of("model", "full", "threshold", "0.6");
 * double t = opts.getDouble("threshold", 0.5);
 * }</pre>
 *
 * @since 0.1
 */
public final class StageOptions {
    /** No options. */
    public static final StageOptions EMPTY = new StageOptions(Map.of());

    private final Map<String, String> values;

    private StageOptions(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * @param values option values
     * @return the options
     */
    public static StageOptions of(Map<String, String> values) {
        Objects.requireNonNull(values, "values");
        values.forEach((k, v) -> {
            Objects.requireNonNull(k, "option key");
            Objects.requireNonNull(v, () -> "value of option " + k);
        });
        return values.isEmpty() ? EMPTY : new StageOptions(values);
    }

    /**
     * @param keysAndValues alternating keys and values
     * @return the options
     */
    public static StageOptions of(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("expected key/value pairs, got an odd count");
        }
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return of(map);
    }

    /**
     * @param other options that win on equal keys
     * @return both sets of options merged
     */
    public StageOptions with(StageOptions other) {
        Map<String, String> merged = new TreeMap<>(values);
        merged.putAll(other.values);
        return of(merged);
    }

    /**
     * Rejects keys a component does not read, so typos fail loudly; {@code models.*} keys (model
     * store settings) are always allowed.
     *
     * @param owner what reads the options, for the message, e.g. {@code faces provider 'blazeface'}
     * @param known the keys it reads
     * @return these options
     * @throws IllegalArgumentException naming the unknown keys and the known ones
     */
    public StageOptions requireKnown(String owner, java.util.Set<String> known) {
        java.util.Set<String> unknown = new java.util.TreeSet<>(values.keySet());
        unknown.removeIf(k -> k.startsWith("models.") || known.contains(k));
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + unknown + " for " + owner + "; known: " + new java.util.TreeSet<>(known));
        }
        return this;
    }

    /** @return all options, sorted by key */
    public Map<String, String> asMap() {
        return values;
    }

    /**
     * @param key          option name
     * @param defaultValue value when absent
     * @return the value
     */
    public String get(String key, String defaultValue) {
        return values.getOrDefault(key, defaultValue);
    }

    /**
     * @param key          option name
     * @param defaultValue value when absent
     * @return the value as an int
     * @throws IllegalArgumentException naming the option when it is not an integer
     */
    public int getInt(String key, int defaultValue) {
        String v = values.get(key);
        try {
            return v == null ? defaultValue : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "an integer");
        }
    }

    /**
     * @param key          option name
     * @param defaultValue value when absent
     * @return the value as a double
     * @throws IllegalArgumentException naming the option when it is not a number
     */
    public double getDouble(String key, double defaultValue) {
        String v = values.get(key);
        try {
            return v == null ? defaultValue : Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw invalid(key, v, "a number");
        }
    }

    /**
     * @param key          option name
     * @param defaultValue value when absent
     * @return the value as a boolean
     * @throws IllegalArgumentException naming the option when it is not true/false
     */
    public boolean getBoolean(String key, boolean defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw invalid(key, v, "true or false");
        };
    }

    /**
     * @param key          option name
     * @param defaultValue value when absent
     * @return the value as a duration in milliseconds ({@code 250}) or ISO-8601 ({@code PT0.25S})
     * @throws IllegalArgumentException naming the option when it does not parse
     */
    public Duration getDuration(String key, Duration defaultValue) {
        String v = values.get(key);
        if (v == null) {
            return defaultValue;
        }
        try {
            return v.startsWith("P") || v.startsWith("p") ? Duration.parse(v) : Duration.ofMillis(Long.parseLong(v.trim()));
        } catch (RuntimeException e) {
            throw invalid(key, v, "milliseconds or an ISO-8601 duration");
        }
    }

    private static IllegalArgumentException invalid(String key, String value, String expected) {
        return new IllegalArgumentException("Option '" + key + "' must be " + expected + ", got '" + value + "'");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StageOptions other && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
