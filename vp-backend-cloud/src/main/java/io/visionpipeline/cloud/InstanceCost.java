package io.visionpipeline.cloud;

import java.time.Instant;
import java.util.Locale;

/**
 * One rented instance's life and what it cost: its price times its wall time from renting to
 * being confirmed gone, boot and idle time included.
 *
 * @param label      its label (also its worker's id)
 * @param instanceId Vast.ai's id, 0 while a create's outcome is unknown
 * @param gpuName    its GPU model
 * @param usdPerHour its price per hour
 * @param state      where it is in its life
 * @param rentedAt   when it was rented
 * @param bootedAt   when its worker first heartbeated, or null
 * @param endedAt    when it was confirmed gone, or null
 * @param endReason  why it was destroyed, empty while it lives
 * @param cost       USD charged so far
 * @param jobs       jobs it completed that this executor submitted
 * @since 0.1
 */
public record InstanceCost(String label, long instanceId, String gpuName, double usdPerHour, State state, Instant rentedAt,
                           Instant bootedAt, Instant endedAt, String endReason, double cost, long jobs) {

    /** Where an instance is in its life. */
    public enum State {
        /** A create was sent but its answer was lost: it may exist (charged as if it did). */
        UNCONFIRMED,
        /** Rented, its worker has not heartbeated yet (pulling the image, starting). */
        BOOTING,
        /** Its worker takes jobs. */
        RUNNING,
        /** Destroyed, not yet confirmed gone (still charged). */
        DESTROYING,
        /** Confirmed gone: no longer charged. */
        GONE
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s (#%d, %s, $%.3f/h) %s, $%.4f, %d job(s)%s", label, instanceId, gpuName, usdPerHour, state,
                cost, jobs, endReason.isEmpty() ? "" : ", " + endReason);
    }
}
