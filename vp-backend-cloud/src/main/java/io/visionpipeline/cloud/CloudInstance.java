package io.visionpipeline.cloud;

import io.visionpipeline.cloud.InstanceCost.State;
import io.visionpipeline.cloud.vastai.Instance;
import io.visionpipeline.cloud.vastai.Offer;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The autoscaler's record of one rented instance. Its fields change only on the autoscaler's tick
 * (under its lock); those a cost report or a finishing job reads meanwhile are volatile.
 */
final class CloudInstance {
    final String label;
    final long sequence;
    final Offer offer;
    final Instant rentedAt;
    final AtomicLong jobs = new AtomicLong();
    volatile double usdPerHour;
    volatile long id;
    volatile State state;
    volatile Instant bootedAt;
    volatile Instant endedAt;
    volatile String endReason = "";
    Instance polled;
    Instant lastHeartbeat;
    Instant idleSince;

    CloudInstance(String label, long sequence, Offer offer, Instant rentedAt, long id, State state) {
        this.label = label;
        this.sequence = sequence;
        this.offer = offer;
        this.rentedAt = rentedAt;
        this.id = id;
        this.state = state;
        this.usdPerHour = offer.dphTotal();
    }

    /** @return whether it counts as capacity (up or coming up) */
    boolean providing() {
        return state == State.UNCONFIRMED || state == State.BOOTING || state == State.RUNNING;
    }

    InstanceCost snapshot(double cost) {
        return new InstanceCost(label, id, offer.gpuName(), usdPerHour, state, rentedAt, bootedAt, endedAt, endReason, cost, jobs.get());
    }

    @Override
    public String toString() {
        return label + (id > 0 ? " (#" + id + ")" : "");
    }
}
