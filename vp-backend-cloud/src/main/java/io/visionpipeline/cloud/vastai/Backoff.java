package io.visionpipeline.cloud.vastai;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The pause before another try: the server's {@code Retry-After} when it sends one, else
 * exponential backoff with jitter (half the doubled delay fixed, half random), capped.
 */
record Backoff(Duration first, Duration most) {

    /**
     * @param attempt    the failed try's number, from 1
     * @param retryAfter the answer's {@code Retry-After} header, if any
     * @return how long to wait before the next try
     */
    Duration delay(int attempt, Optional<String> retryAfter) {
        Optional<Duration> asked = retryAfter.flatMap(Backoff::parseRetryAfter);
        if (asked.isPresent()) {
            return asked.get().compareTo(most) > 0 ? most : asked.get();
        }
        long cap = most.toMillis();
        long doubled = first.toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
        long delay = Math.min(cap, doubled <= 0 ? cap : doubled);
        long half = delay / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(delay - half + 1));
    }

    private static Optional<Duration> parseRetryAfter(String value) {
        String v = value.trim();
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v))));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
