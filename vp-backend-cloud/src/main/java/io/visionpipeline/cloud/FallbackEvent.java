package io.visionpipeline.cloud;

import java.time.Instant;
import java.util.Objects;

/**
 * The cloud could not serve the queue, so jobs went to local workers: when, and why.
 *
 * @param at     when it happened
 * @param cause  what kind of failure
 * @param detail what exactly happened, for people (never contains the API key)
 * @since 0.1
 */
public record FallbackEvent(Instant at, Cause cause, String detail) {

    /** What kind of cloud failure sent jobs to local workers. */
    public enum Cause {
        /** The Vast.ai API did not answer. */
        CLOUD_UNREACHABLE,
        /** The API key was refused. */
        UNAUTHORIZED,
        /** The API kept answering 429 after backing off. */
        RATE_LIMITED,
        /** The API failed otherwise (HTTP 5xx, refused a request, answered nonsense). */
        API_ERROR,
        /** No offer met the offer query (or all were taken). */
        NO_OFFERS,
        /** The budget did not allow renting (more), or instances were destroyed to stay within it. */
        BUDGET,
        /** A rented instance did not start its worker within the boot timeout. */
        BOOT_TIMEOUT,
        /** A running instance stopped heartbeating, exited or disappeared. */
        INSTANCE_LOST
    }

    /** Validates the fields. */
    public FallbackEvent {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(cause, "cause");
        detail = detail == null ? "" : detail;
    }

    @Override
    public String toString() {
        return at + " " + cause + ": " + detail;
    }
}
