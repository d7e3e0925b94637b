package io.visionpipeline.stage;

import java.util.Objects;

/**
 * Whether a provider can run here, and if not, why and what to do.
 *
 * @param available whether the provider can create stages
 * @param reason    empty when available; otherwise what is missing and how to get it
 * @since 0.1
 */
public record Availability(boolean available, String reason) {

    /** The provider can run. */
    public static final Availability AVAILABLE = new Availability(true, "");

    /** Validates the fields. */
    public Availability {
        Objects.requireNonNull(reason, "reason");
        if (!available && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable provider must say why");
        }
    }

    /**
     * @param reason what is missing and how to get it
     * @return the provider cannot run
     */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }
}
