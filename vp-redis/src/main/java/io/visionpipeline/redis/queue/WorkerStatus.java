package io.visionpipeline.redis.queue;

import java.time.Instant;
import java.util.Objects;

/**
 * A worker's health: what it is doing and what it has done. Each worker keeps its status under
 * its health key, refreshed every heartbeat; the key expires when the worker stops answering.
 *
 * @param id          the worker's id (its consumer name in the group)
 * @param host        the host it runs on
 * @param pid         its process id
 * @param state       where it is in its life
 * @param concurrency the most jobs it runs at once
 * @param inFlight    jobs it holds now
 * @param completed   jobs whose report it stored
 * @param failed      jobs it dead-lettered, or stored as expired or cancelled
 * @param retried     failures it handed back for a retry
 * @param duplicates  jobs it finished whose outcome another delivery had stored already
 * @param startedAt   when it started
 * @param heartbeatAt when this status was taken
 * @since 0.1
 */
public record WorkerStatus(String id, String host, long pid, State state, int concurrency, int inFlight,
                           long completed, long failed, long retried, long duplicates, Instant startedAt, Instant heartbeatAt) {

    /** Where a worker is in its life. */
    public enum State {
        /** Taking jobs. */
        RUNNING,
        /** Shutting down: finishing or handing back its jobs, taking no new ones. */
        DRAINING,
        /** Stopped. */
        STOPPED
    }

    /** Validates the fields. */
    public WorkerStatus {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(heartbeatAt, "heartbeatAt");
        host = host == null ? "" : host;
    }
}
