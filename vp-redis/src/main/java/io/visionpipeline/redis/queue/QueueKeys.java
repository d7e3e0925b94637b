package io.visionpipeline.redis.queue;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of one queue's Redis keys. Every key starts with the configured prefix and carries the
 * queue's name as a hash tag, so all of a queue's keys live in one Redis Cluster slot and the
 * queue's multi-key scripts run on a cluster unchanged:
 *
 * <pre>
 * vp:{jobs}:stream            the job stream (consumer group "workers")
 * vp:{jobs}:dead              the dead-letter stream
 * vp:{jobs}:result:&lt;job id&gt;    a finished job's outcome (expires)
 * vp:{jobs}:entry:&lt;job id&gt;     the stream entry of a queued job, so a job id is queued once (expires)
 * vp:{jobs}:media:&lt;job id&gt;     inline media of a queued job (expires)
 * vp:{jobs}:cancel:&lt;job id&gt;    set when a job is cancelled (expires)
 * vp:{jobs}:error:&lt;job id&gt;     the last error of a job that will be retried (expires)
 * vp:{jobs}:reply:&lt;submitter&gt;  progress and completion events for one submitter (expires)
 * vp:{jobs}:worker:&lt;worker id&gt; a live worker's health record (expires unless refreshed)
 * vp:{jobs}:workers           worker ids by last heartbeat
 * </pre>
 *
 * @since 0.1
 */
public final class QueueKeys {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]+");

    private final String prefix;
    private final String queue;
    private final String base;

    /**
     * @param prefix prefix of every key, e.g. {@code vp:}; may be empty, no braces
     * @param queue  the queue's name, e.g. {@code jobs}: letters, digits, {@code . _ : -}
     * @throws IllegalArgumentException when a name would break the hash tag
     */
    public QueueKeys(String prefix, String queue) {
        Objects.requireNonNull(prefix, "prefix");
        Objects.requireNonNull(queue, "queue");
        if (prefix.indexOf('{') >= 0 || prefix.indexOf('}') >= 0 || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("The key prefix must not contain braces or spaces (it precedes the hash tag): '" + prefix + "'");
        }
        if (!NAME.matcher(queue).matches()) {
            throw new IllegalArgumentException("A queue name is letters, digits and . _ : - only: '" + queue + "'");
        }
        this.prefix = prefix;
        this.queue = queue;
        this.base = prefix + "{" + queue + "}:";
    }

    /** @return the key prefix */
    public String prefix() {
        return prefix;
    }

    /** @return the queue's name */
    public String queue() {
        return queue;
    }

    /** @return a glob matching every key of this queue, for {@code SCAN MATCH} */
    public String pattern() {
        return base + "*";
    }

    /** @return the job stream */
    public String stream() {
        return base + "stream";
    }

    /** @return the dead-letter stream */
    public String deadLetters() {
        return base + "dead";
    }

    /**
     * @param jobId a job
     * @return its result key
     */
    public String result(String jobId) {
        return key("result", jobId);
    }

    /**
     * @param jobId a job
     * @return the key holding its entry id while it is queued
     */
    public String entry(String jobId) {
        return key("entry", jobId);
    }

    /**
     * @param jobId a job
     * @return its inline media key
     */
    public String media(String jobId) {
        return key("media", jobId);
    }

    /**
     * @param jobId a job
     * @return its cancellation marker
     */
    public String cancel(String jobId) {
        return key("cancel", jobId);
    }

    /**
     * @param jobId a job
     * @return its last-error key
     */
    public String error(String jobId) {
        return key("error", jobId);
    }

    /**
     * @param submitter a submitter's id
     * @return the stream its events go to
     */
    public String reply(String submitter) {
        return key("reply", submitter);
    }

    /**
     * @param workerId a worker's id
     * @return its health key
     */
    public String worker(String workerId) {
        return key("worker", workerId);
    }

    /** @return the sorted set of worker ids by last heartbeat (epoch milliseconds) */
    public String workers() {
        return base + "workers";
    }

    private String key(String kind, String id) {
        return base + kind + ":" + id;
    }

    @Override
    public String toString() {
        return base + "*";
    }
}
