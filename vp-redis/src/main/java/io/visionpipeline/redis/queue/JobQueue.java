package io.visionpipeline.redis.queue;

import io.lettuce.core.Consumer;
import io.lettuce.core.KeyValue;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.SetArgs;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.models.stream.PendingMessages;
import io.visionpipeline.redis.queue.JobOutcome.Status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A job queue on a Redis Stream with a consumer group: submitters {@link #xadd} jobs, workers
 * {@link #xreadgroup} them, run them, and {@link #finish} them (store the outcome once,
 * {@code XACK}, delete the entry) or {@link #release} them for a retry. Entries of workers that
 * stopped answering are taken over with {@link #xautoclaim} after the visibility timeout; running
 * jobs stay invisible to it as long as their worker calls {@link #touch}. Method names follow the
 * Redis command each is built on; options are objects, as in Lettuce.
 *
 * <pre>{@code
 * try (JobQueue queue = JobQueue.connect(RedisQueueConfig.create("redis://localhost:6379"))) {
 *     queue.xadd(JobMessage.of(job, MediaRef.file(path), null), null).join();   // once per job id
 *     for (QueuedJob next : queue.xreadgroup("worker-1", ReadOptions.count(10).block(Duration.ofSeconds(1)))) {
 *         MediaReport report = run(next.message().toJob(null));
 *         queue.finish(List.of(Finish.outcome(next, JobOutcome.done(report, "worker-1", next.deliveries()))));
 *     }
 * }
 * }</pre>
 *
 * The executor ({@code RedisExecutor}) and the worker runner ({@code RedisWorker}) are built on
 * this class; use it directly for tools (queue depth, dead letters) and custom producers. It is
 * thread-safe; every key it touches shares the queue's hash tag ({@link QueueKeys}).
 *
 * @since 0.1
 */
public final class JobQueue implements AutoCloseable {
    /** The stream entry field that holds the job's JSON. */
    public static final String JOB_FIELD = "job";
    /** Approximate bound on a submitter's reply stream. */
    static final long REPLY_MAX_LENGTH = 100_000;

    private static final LuaScript SUBMIT = LuaScript.load("submit");
    private static final LuaScript EXISTS = LuaScript.load("exists");
    private static final LuaScript FINISH = LuaScript.load("finish");
    private static final LuaScript RELEASE = LuaScript.load("release");
    private static final LuaScript TOUCH = LuaScript.load("touch");
    private static final LuaScript RECLAIM = LuaScript.load("reclaim");
    private static final LuaScript PRUNE = LuaScript.load("prune");
    private static final byte[] EMPTY = new byte[0];

    /** What to do with a job just read. */
    public enum Check {
        /** Run it. */
        RUN,
        /** Its outcome is stored already: acknowledge it as a duplicate. */
        FINISHED,
        /** Its submitter cancelled it. */
        CANCELLED
    }

    /** What {@link #touch} found for a running job. */
    public enum Touch {
        /** Still this worker's; its visibility was extended. */
        EXTENDED,
        /** Cancelled by its submitter: stop it. */
        CANCELLED,
        /** Claimed by another worker meanwhile: stop it, do not finish it. */
        LOST
    }

    /** Where a submitted job is. */
    public enum Location {
        /** Its outcome is stored. */
        FINISHED,
        /** Its entry is in the stream (waiting or running). */
        QUEUED,
        /** Neither: Redis lost it (failover, restart without persistence); submit it again. */
        LOST
    }

    private final RedisLink link;
    private final RedisQueueConfig config;
    private final QueueKeys keys;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final JobResults results;
    private final ReplyStreams replies;
    private final WorkerRegistry workers;

    private JobQueue(RedisLink link) {
        this.link = link;
        this.config = link.config();
        this.keys = config.keys();
        this.commands = link.commands();
        this.results = new JobResults(link);
        this.replies = new ReplyStreams(link);
        this.workers = new WorkerRegistry(link);
    }

    /**
     * Connects (waiting at most the connect timeout) and creates the stream and consumer group if
     * they do not exist.
     *
     * @param config the queue
     * @return the queue; close it when done
     * @throws RedisQueueException naming the server and the problem (unreachable, credentials refused, TLS mismatch …)
     */
    public static JobQueue connect(RedisQueueConfig config) {
        RedisLink link = RedisLink.open(config);
        try {
            JobQueue queue = new JobQueue(link);
            queue.createGroup();
            return queue;
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /**
     * Connects and hands the queue to the object that will own it (and close it); closes the
     * queue again when that object cannot be made.
     *
     * @param config the queue
     * @param owner  makes the owner from the connected queue
     * @param <T>    the owner's type
     * @return the owner
     * @throws RedisQueueException naming the server and the problem when it cannot connect
     */
    public static <T> T connect(RedisQueueConfig config, Function<JobQueue, T> owner) {
        JobQueue queue = connect(config);
        try {
            return owner.apply(queue);
        } catch (RuntimeException e) {
            queue.close();
            throw e;
        }
    }

    /** @return the configuration */
    public RedisQueueConfig config() {
        return config;
    }

    /** @return the key names */
    public QueueKeys keys() {
        return keys;
    }

    /** @return the stored outcomes */
    public JobResults results() {
        return results;
    }

    /** @return the submitters' reply streams */
    public ReplyStreams replies() {
        return replies;
    }

    /** @return the workers' health records */
    public WorkerRegistry workers() {
        return workers;
    }

    /** @return how often a connection was lost so far: a change means Redis may have lost writes */
    public long disconnects() {
        return link.disconnects();
    }

    /**
     * Queues a job, once per job id: its inline media (under its media key, for the media TTL)
     * and the entry, atomically. Sent again (after a timeout or a reconnect, or by another
     * submitter) it finds the job's entry, or its stored outcome, instead of adding a second one.
     * Lettuce pipelines concurrent calls on one connection.
     *
     * @param message     the job
     * @param inlineMedia the media's bytes when {@code message.media().travelsInline()}, else null
     * @return completes with the entry id, empty when the job's outcome is stored already, or
     *         with a {@link RedisQueueException}
     */
    public CompletableFuture<Optional<String>> xadd(JobMessage message, byte[] inlineMedia) {
        if (message.media().travelsInline() == (inlineMedia == null)) {
            throw new IllegalArgumentException("inline media bytes go with inline media and only with them: " + message.media());
        }
        String id = message.id();
        String[] k = {keys.stream(), keys.result(id), keys.entry(id), keys.media(id)};
        CompletableFuture<List<Object>> added = SUBMIT.run(commands, k, Json.write(message),
                Json.bytes(config.mediaTtl().toMillis()), inlineMedia == null ? EMPTY : inlineMedia);
        return mapped(added, "adding a job (XADD)").thenApply(reply -> reply.isEmpty() ? Optional.empty() : Optional.of(Json.text(reply.get(0))));
    }

    /**
     * Reads new jobs for a worker of the group, on the blocking connection.
     *
     * @param consumer the worker's id
     * @param options  how many, how long to wait (less than half the command timeout)
     * @return the jobs, each on its first delivery; empty when none came in time
     * @throws RedisQueueException when Redis fails
     */
    public List<QueuedJob> xreadgroup(String consumer, ReadOptions options) {
        XReadArgs args = XReadArgs.Builder.count(options.count());
        if (options.block() != null) {
            args.block(blockTime(options.block()));
        }
        try {
            List<StreamMessage<String, byte[]>> entries = link.await(link.blocking()
                    .xreadgroup(Consumer.from(config.group(), consumer), args, StreamOffset.lastConsumed(keys.stream())), "reading jobs (XREADGROUP)");
            List<QueuedJob> jobs = new ArrayList<>(entries.size());
            for (StreamMessage<String, byte[]> entry : entries) {
                jobs.add(queuedJob(entry.getId(), entry.getBody().get(JOB_FIELD), 1));
            }
            return jobs;
        } catch (RedisQueueException e) {
            if (lostGroup(e)) {
                createGroup();
                return List.of();
            }
            throw e;
        }
    }

    /**
     * Claims jobs whose worker has not touched them for {@code options.minIdle()} (crashed, hung,
     * or released them for a retry), with their delivery counts.
     *
     * @param consumer the claiming worker
     * @param options  the visibility timeout, how many, where to go on scanning
     * @return the claimed jobs and the next scan start
     * @throws RedisQueueException when Redis fails
     */
    public ClaimedJobs xautoclaim(String consumer, ClaimOptions options) {
        List<Object> reply;
        try {
            reply = link.await(RECLAIM.run(commands, new String[] {keys.stream()}, Json.bytes(config.group()), Json.bytes(consumer),
                    Json.bytes(options.minIdle().toMillis()), Json.bytes(options.start()), Json.bytes(options.count())),
                    "claiming stale jobs (XAUTOCLAIM)");
        } catch (RedisQueueException e) {
            if (lostGroup(e)) {
                createGroup();
                return new ClaimedJobs(List.of(), ClaimOptions.FROM_START);
            }
            throw e;
        }
        List<QueuedJob> jobs = new ArrayList<>();
        for (Object item : Json.list(reply.get(1))) {
            List<Object> entry = Json.list(item);
            List<Object> fields = Json.list(entry.get(1));
            byte[] json = null;
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                if (JOB_FIELD.equals(Json.text(fields.get(i)))) {
                    json = (byte[]) fields.get(i + 1);
                }
            }
            jobs.add(queuedJob(Json.text(entry.get(0)), json, Json.number(entry.get(2))));
        }
        return new ClaimedJobs(jobs, Json.text(reply.get(0)));
    }

    /**
     * @param jobs readable jobs just read or claimed
     * @return for each, whether to run it
     * @throws RedisQueueException when Redis fails
     */
    public List<Check> check(List<QueuedJob> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<String> pairs = new ArrayList<>(jobs.size() * 2);
        for (QueuedJob job : jobs) {
            pairs.add(keys.result(job.message().id()));
            pairs.add(keys.cancel(job.message().id()));
        }
        Check[] byCode = {Check.RUN, Check.FINISHED, Check.CANCELLED};
        return whichExists(pairs, "checking jobs").stream().map(code -> byCode[code]).toList();
    }

    /**
     * @param jobId a queued job with inline media
     * @return its media's bytes, or null when they expired
     * @throws RedisQueueException when Redis fails
     */
    public byte[] media(String jobId) {
        return link.await(commands.get(keys.media(jobId)), "reading inline media (GET)");
    }

    /**
     * Ends jobs, each atomically: stores the outcome unless one exists ({@code SET NX}, with the
     * result TTL), copies dead letters to the dead-letter stream, tells the submitter, then
     * {@code XACK}s and deletes the entry. One round trip for the whole batch.
     *
     * @param finishes the jobs and how they end
     * @return for each, whether this call stored its outcome
     * @throws RedisQueueException when Redis fails (nothing of that job was changed)
     */
    public List<Boolean> finish(List<Finish> finishes) {
        if (finishes.isEmpty()) {
            return List.of();
        }
        List<String> k = new ArrayList<>(2 + finishes.size() * 5);
        List<byte[]> a = new ArrayList<>(4 + finishes.size() * 5);
        k.add(keys.stream());
        k.add(keys.deadLetters());
        a.add(Json.bytes(config.group()));
        a.add(Json.bytes(config.resultTtl().toMillis()));
        a.add(Json.bytes(REPLY_MAX_LENGTH));
        a.add(Json.bytes(config.deadLetterMaxLength()));
        for (Finish finish : finishes) {
            QueuedJob job = finish.job();
            String jobId = job.readable() ? job.message().id() : "unreadable-" + job.entryId();
            String submitter = job.readable() ? job.message().submitter() : null;
            k.add(keys.result(jobId));
            k.add(keys.reply(submitter == null ? "none" : submitter));
            k.add(keys.error(jobId));
            k.add(keys.media(jobId));
            k.add(keys.entry(jobId));
            a.add(Json.bytes(job.entryId()));
            a.add(Json.bytes(jobId));
            a.add(finish.outcome() == null ? EMPTY : Json.write(finish.outcome()));
            a.add(Json.bytes(finish.deadLetter() ? 1 : 0));
            a.add(Json.bytes(submitter == null ? 0 : 1));
        }
        List<Object> reply = link.await(FINISH.run(commands, k.toArray(String[]::new), a.toArray(byte[][]::new)), "finishing jobs");
        return reply.stream().map(r -> Json.number(r) == 1).toList();
    }

    /**
     * Gives jobs back without finishing them; any worker claims them once they have been idle for
     * the visibility timeout, i.e. after each release's delay.
     *
     * @param consumer          the releasing worker
     * @param visibilityTimeout the group's visibility timeout (delays are capped at it)
     * @param releases          the jobs
     * @return for each, whether it was released (false: another worker had claimed it)
     * @throws RedisQueueException when Redis fails
     */
    public List<Boolean> release(String consumer, Duration visibilityTimeout, List<Release> releases) {
        if (releases.isEmpty()) {
            return List.of();
        }
        List<String> k = new ArrayList<>(1 + releases.size());
        List<byte[]> a = new ArrayList<>(3 + releases.size() * 4);
        k.add(keys.stream());
        a.add(Json.bytes(config.group()));
        a.add(Json.bytes(consumer));
        a.add(Json.bytes(config.resultTtl().toMillis()));
        long timeout = visibilityTimeout.toMillis();
        for (Release release : releases) {
            QueuedJob job = release.job();
            k.add(keys.error(job.readable() ? job.message().id() : "unreadable-" + job.entryId()));
            a.add(Json.bytes(job.entryId()));
            a.add(Json.bytes(Math.max(0, timeout - Math.min(release.delay().toMillis(), timeout))));
            a.add(Json.bytes(release.refund() ? 1 : 0));
            a.add(release.error() == null ? EMPTY : Json.write(release.error()));
        }
        List<Object> reply = link.await(RELEASE.run(commands, k.toArray(String[]::new), a.toArray(byte[][]::new)), "releasing jobs");
        return reply.stream().map(r -> Json.number(r) == 1).toList();
    }

    /**
     * Keeps running jobs invisible to {@link #xautoclaim} (resets their idle time) and reports
     * the cancelled ones and those another worker claimed meanwhile.
     *
     * @param consumer the worker
     * @param jobs     its running jobs
     * @return for each, what was found
     * @throws RedisQueueException when Redis fails
     */
    public List<Touch> touch(String consumer, List<QueuedJob> jobs) {
        if (jobs.isEmpty()) {
            return List.of();
        }
        List<String> k = new ArrayList<>(1 + jobs.size());
        List<byte[]> a = new ArrayList<>(2 + jobs.size());
        k.add(keys.stream());
        a.add(Json.bytes(config.group()));
        a.add(Json.bytes(consumer));
        for (QueuedJob job : jobs) {
            k.add(keys.cancel(job.message().id()));
            a.add(Json.bytes(job.entryId()));
        }
        List<Object> reply = link.await(TOUCH.run(commands, k.toArray(String[]::new), a.toArray(byte[][]::new)), "extending running jobs");
        return reply.stream().map(r -> Touch.values()[(int) Json.number(r)]).toList();
    }

    /**
     * Marks a job cancelled (for the result TTL): a worker that has not started it drops it, one
     * running it stops at its next touch.
     *
     * @param jobId the job
     * @return completes when marked
     */
    public CompletableFuture<Void> cancel(String jobId) {
        return mapped(commands.set(keys.cancel(jobId), Json.bytes(1), SetArgs.Builder.px(config.resultTtl().toMillis())),
                "cancelling a job (SET)").thenApply(ok -> null);
    }

    /**
     * @param jobIds job ids
     * @return the last error of each that has one (jobs waiting for a retry)
     * @throws RedisQueueException when Redis fails
     */
    public Map<String, JobError> lastErrors(Collection<String> jobIds) {
        Map<String, JobError> errors = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return errors;
        }
        List<String> ids = List.copyOf(jobIds);
        List<KeyValue<String, byte[]>> values = link.await(commands.mget(ids.stream().map(keys::error).toArray(String[]::new)),
                "reading last errors (MGET)");
        for (int i = 0; i < ids.size(); i++) {
            KeyValue<String, byte[]> value = values.get(i);
            if (value.hasValue()) {
                try {
                    errors.put(ids.get(i), Json.read(value.getValue(), JobError.class));
                } catch (IllegalArgumentException e) {
                    errors.put(ids.get(i), new JobError("unknown", "unreadable last error: " + e.getMessage(), ""));
                }
            }
        }
        return errors;
    }

    /**
     * Finds where submitted jobs are, to resubmit those Redis lost. A job counts as queued while
     * its entry marker lives: until it ends, at most the media TTL.
     *
     * @param jobIds the outstanding jobs
     * @return each job's location
     * @throws RedisQueueException when Redis fails
     */
    public Map<String, Location> locate(Collection<String> jobIds) {
        Map<String, Location> found = new LinkedHashMap<>();
        if (jobIds.isEmpty()) {
            return found;
        }
        List<String> ids = List.copyOf(jobIds);
        List<String> pairs = new ArrayList<>(ids.size() * 2);
        for (String id : ids) {
            pairs.add(keys.result(id));
            pairs.add(keys.entry(id));
        }
        List<Integer> codes = whichExists(pairs, "locating jobs");
        Location[] byCode = {Location.LOST, Location.FINISHED, Location.QUEUED};
        for (int i = 0; i < ids.size(); i++) {
            found.put(ids.get(i), byCode[codes.get(i)]);
        }
        return found;
    }

    /** @return for each pair of keys: 1 when the first exists, 2 when only the second, 0 when neither */
    private List<Integer> whichExists(List<String> pairs, String what) {
        List<Object> reply = link.await(EXISTS.run(commands, pairs.toArray(String[]::new)), what);
        return reply.stream().map(code -> (int) Json.number(code)).toList();
    }

    /**
     * @return how full the queue is
     * @throws RedisQueueException when Redis fails
     */
    public QueueStats stats() {
        CompletableFuture<Long> length = commands.xlen(keys.stream()).toCompletableFuture();
        CompletableFuture<PendingMessages> pending = commands.xpending(keys.stream(), config.group()).toCompletableFuture();
        CompletableFuture<Long> dead = commands.xlen(keys.deadLetters()).toCompletableFuture();
        long inFlight = link.await(pending, "reading pending jobs (XPENDING)").getCount();
        return new QueueStats(link.await(length, "reading the queue length (XLEN)") - inFlight, inFlight,
                link.await(dead, "reading the dead-letter length (XLEN)"), workers.live().size());
    }

    /**
     * @param count the most entries
     * @return the oldest dead letters
     * @throws RedisQueueException when Redis fails
     */
    public List<DeadLetter> deadLetters(int count) {
        List<StreamMessage<String, byte[]>> entries = link.await(commands.xrange(keys.deadLetters(), Range.create("-", "+"),
                Limit.from(count)), "reading dead letters (XRANGE)");
        List<DeadLetter> letters = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> entry : entries) {
            Map<String, byte[]> body = entry.getBody();
            byte[] outcome = body.get("outcome");
            letters.add(new DeadLetter(entry.getId(), Json.text(body.getOrDefault("entry", EMPTY)), Json.text(body.getOrDefault(JOB_FIELD, EMPTY)),
                    outcome == null || outcome.length == 0 ? null : Json.read(outcome, JobOutcome.class)));
        }
        return letters;
    }

    /**
     * Deletes the group's consumers that hold no jobs and have been idle that long (workers that
     * are gone); a consumer that holds jobs is never deleted.
     *
     * @param idle how long a consumer must have been idle
     * @return how many were deleted
     * @throws RedisQueueException when Redis fails
     */
    public long pruneConsumers(Duration idle) {
        List<Object> reply = link.await(PRUNE.run(commands, new String[] {keys.stream()}, Json.bytes(config.group()),
                Json.bytes(idle.toMillis())), "pruning idle consumers");
        return Json.number(reply.get(0));
    }

    /** Closes the connections. */
    @Override
    public void close() {
        link.close();
    }

    @Override
    public String toString() {
        return "JobQueue[" + config.describe() + "]";
    }

    Duration blockTime(Duration wanted) {
        Duration most = config.commandTimeout().dividedBy(2);
        return wanted.compareTo(most) > 0 ? most : wanted;
    }

    private QueuedJob queuedJob(String entryId, byte[] json, long deliveries) {
        if (json == null) {
            return new QueuedJob(entryId, null, "the entry has no '" + JOB_FIELD + "' field", deliveries);
        }
        try {
            JobMessage message = Json.read(json, JobMessage.class);
            if (message.format() > JobMessage.FORMAT) {
                return new QueuedJob(entryId, null, "job format " + message.format() + " is newer than this worker reads ("
                        + JobMessage.FORMAT + "): upgrade the worker", deliveries);
            }
            return new QueuedJob(entryId, message, null, deliveries);
        } catch (IllegalArgumentException e) {
            return new QueuedJob(entryId, null, "unreadable job: " + e.getMessage(), deliveries);
        }
    }

    private void createGroup() {
        try {
            link.await(commands.xgroupCreate(StreamOffset.from(keys.stream(), "0"), config.group(), XGroupCreateArgs.Builder.mkstream()),
                    "creating the consumer group (XGROUP CREATE)");
        } catch (RedisQueueException e) {
            if (!String.valueOf(e.getCause() == null ? null : e.getCause().getMessage()).contains("BUSYGROUP")) {
                throw e;
            }
        }
    }

    private static boolean lostGroup(RedisQueueException e) {
        return e.getCause() != null && String.valueOf(e.getCause().getMessage()).contains("NOGROUP");
    }

    private <T> CompletableFuture<T> mapped(CompletionStage<T> reply, String what) {
        return reply.toCompletableFuture().exceptionallyCompose(e -> CompletableFuture.failedFuture(link.failure(what, unwrap(e))));
    }

    static Throwable unwrap(Throwable e) {
        return e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    }

    static JobOutcome unreadableOutcome(String jobId, IllegalArgumentException e) {
        return JobOutcome.ended(Status.FAILED, new JobError("unreadable", "the stored outcome of job " + jobId + " is unreadable: " + e.getMessage(), ""), "", 0);
    }
}
