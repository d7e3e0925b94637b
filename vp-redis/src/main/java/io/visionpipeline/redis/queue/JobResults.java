package io.visionpipeline.redis.queue;

import io.lettuce.core.KeyValue;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The outcomes workers stored, one per job id, kept for the result TTL. Anyone who knows a job's
 * id can read its outcome, e.g. after the submitter restarted.
 *
 * <pre>{@code
 * queue.results().get("upload-42").ifPresent(outcome -> System.out.println(outcome.status()));
 * }</pre>
 *
 * @since 0.1
 */
public final class JobResults {
    private final RedisLink link;
    private final QueueKeys keys;

    JobResults(RedisLink link) {
        this.link = link;
        this.keys = link.config().keys();
    }

    /**
     * @param jobId a job
     * @return its outcome, empty while it runs or after the result TTL
     * @throws RedisQueueException when Redis fails
     */
    public Optional<JobOutcome> get(String jobId) {
        return Optional.ofNullable(link.await(get(List.of(jobId)), "reading a result (GET)").get(jobId));
    }

    /**
     * Reads several outcomes in one round trip ({@code MGET}; the keys share a hash slot).
     *
     * @param jobIds jobs
     * @return the outcomes of those that have one; an unreadable one becomes a FAILED outcome saying so
     */
    public CompletableFuture<Map<String, JobOutcome>> get(Collection<String> jobIds) {
        List<String> ids = List.copyOf(jobIds);
        if (ids.isEmpty()) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return link.commands().mget(ids.stream().map(keys::result).toArray(String[]::new)).toCompletableFuture()
                .exceptionallyCompose(e -> CompletableFuture.failedFuture(link.failure("reading results (MGET)", JobQueue.unwrap(e))))
                .thenApply(values -> {
                    Map<String, JobOutcome> outcomes = new LinkedHashMap<>();
                    for (int i = 0; i < ids.size(); i++) {
                        KeyValue<String, byte[]> value = values.get(i);
                        if (value.hasValue()) {
                            outcomes.put(ids.get(i), parse(ids.get(i), value.getValue()));
                        }
                    }
                    return outcomes;
                });
    }

    private static JobOutcome parse(String jobId, byte[] json) {
        try {
            return Json.read(json, JobOutcome.class);
        } catch (IllegalArgumentException e) {
            return JobQueue.unreadableOutcome(jobId, e);
        }
    }
}
