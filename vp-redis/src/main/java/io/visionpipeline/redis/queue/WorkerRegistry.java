package io.visionpipeline.redis.queue;

import io.lettuce.core.KeyValue;
import io.lettuce.core.SetArgs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The workers' health keys: each live worker keeps its {@link WorkerStatus} under its key,
 * refreshed every heartbeat with a TTL of a few heartbeats, so the key of a worker that died
 * expires by itself. Monitoring can check a single worker with {@code EXISTS}/{@code GET}
 * on {@link QueueKeys#worker(String)} or list them all with {@link #live()}.
 *
 * @since 0.1
 */
public final class WorkerRegistry {
    private final RedisLink link;
    private final QueueKeys keys;

    WorkerRegistry(RedisLink link) {
        this.link = link;
        this.keys = link.config().keys();
    }

    /**
     * Stores a worker's status under its health key.
     *
     * @param status the worker's status
     * @param ttl    how long the key lives without another heartbeat
     * @throws RedisQueueException when Redis fails
     */
    public void heartbeat(WorkerStatus status, Duration ttl) {
        CompletableFuture<String> set = link.commands().set(keys.worker(status.id()), Json.write(status),
                SetArgs.Builder.px(ttl.toMillis())).toCompletableFuture();
        CompletableFuture<Long> add = link.commands().zadd(keys.workers(), status.heartbeatAt().toEpochMilli(), Json.bytes(status.id()))
                .toCompletableFuture();
        link.await(set, "storing a heartbeat (SET)");
        link.await(add, "registering a worker (ZADD)");
    }

    /**
     * Removes a worker's health key (at shutdown).
     *
     * @param workerId the worker
     * @throws RedisQueueException when Redis fails
     */
    public void leave(String workerId) {
        link.await(link.commands().del(keys.worker(workerId)), "removing a heartbeat (DEL)");
        link.await(link.commands().zrem(keys.workers(), Json.bytes(workerId)), "unregistering a worker (ZREM)");
    }

    /**
     * @param workerId a worker
     * @return its last status, empty when its key expired (it is gone or not answering)
     * @throws RedisQueueException when Redis fails
     */
    public Optional<WorkerStatus> get(String workerId) {
        byte[] json = link.await(link.commands().get(keys.worker(workerId)), "reading a heartbeat (GET)");
        return json == null ? Optional.empty() : Optional.of(Json.read(json, WorkerStatus.class));
    }

    /**
     * Lists the workers whose health key is alive, and forgets those whose key expired.
     *
     * @return their statuses
     * @throws RedisQueueException when Redis fails
     */
    public List<WorkerStatus> live() {
        List<byte[]> ids = link.await(link.commands().zrange(keys.workers(), 0, -1), "listing workers (ZRANGE)");
        List<WorkerStatus> live = new ArrayList<>();
        if (ids.isEmpty()) {
            return live;
        }
        List<KeyValue<String, byte[]>> values = link.await(link.commands().mget(ids.stream().map(id -> keys.worker(Json.text(id)))
                .toArray(String[]::new)), "reading heartbeats (MGET)");
        List<byte[]> gone = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (values.get(i).hasValue()) {
                live.add(Json.read(values.get(i).getValue(), WorkerStatus.class));
            } else {
                gone.add(ids.get(i));
            }
        }
        if (!gone.isEmpty()) {
            link.commands().zrem(keys.workers(), gone.toArray(byte[][]::new));
        }
        return live;
    }
}
