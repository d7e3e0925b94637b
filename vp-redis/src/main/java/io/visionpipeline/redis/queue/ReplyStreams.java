package io.visionpipeline.redis.queue;

import io.lettuce.core.StreamMessage;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XReadArgs.StreamOffset;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.XTrimArgs;
import io.visionpipeline.executor.Progress;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Each submitter's reply stream: workers add progress events (here) and completion events (in
 * {@link JobQueue#finish}, atomically with the stored outcome); the submitter reads them in order
 * with {@link #xread}. A stream, not pub/sub, so a submitter that lost its connection for a while
 * still gets every event. The stream expires with the result TTL when nobody writes to it.
 *
 * @since 0.1
 */
public final class ReplyStreams {
    private static final String TYPE = "type";
    private static final String JOB = "job";

    private final RedisLink link;
    private final QueueKeys keys;

    ReplyStreams(RedisLink link) {
        this.link = link;
        this.keys = link.config().keys();
    }

    /**
     * Sends a running job's progress to its submitter (fire and forget: a lost progress event
     * only delays the bar).
     *
     * @param submitter the submitter
     * @param progress  the job's progress
     * @return completes when added
     */
    public CompletableFuture<String> progress(String submitter, Progress progress) {
        return link.commands().xadd(keys.reply(submitter), XAddArgs.Builder.maxlen(JobQueue.REPLY_MAX_LENGTH).approximateTrimming(),
                Map.of(TYPE, Json.bytes("progress"), JOB, Json.bytes(progress.jobId()), "progress", Json.write(progress))).toCompletableFuture();
    }

    /**
     * Reads a submitter's events after a given entry, on the blocking connection.
     *
     * @param submitter the submitter
     * @param afterId   the last entry id read ({@code 0-0} at first)
     * @param options   how many, how long to wait
     * @return the events, oldest first; empty when none came in time
     * @throws RedisQueueException when Redis fails
     */
    public List<ReplyEvent> xread(String submitter, String afterId, ReadOptions options) {
        XReadArgs args = XReadArgs.Builder.count(options.count());
        if (options.block() != null) {
            args.block(options.block().compareTo(link.config().commandTimeout().dividedBy(2)) > 0
                    ? link.config().commandTimeout().dividedBy(2) : options.block());
        }
        List<StreamMessage<String, byte[]>> entries = link.await(link.blocking().xread(args,
                StreamOffset.from(keys.reply(submitter), afterId)), "reading events (XREAD)");
        List<ReplyEvent> events = new ArrayList<>(entries.size());
        for (StreamMessage<String, byte[]> entry : entries) {
            Map<String, byte[]> body = entry.getBody();
            String job = Json.text(body.get(JOB));
            if ("progress".equals(Json.text(body.get(TYPE)))) {
                events.add(new ReplyEvent(entry.getId(), ReplyEvent.Type.PROGRESS, job, false, Json.read(body.get("progress"), Progress.class)));
            } else {
                events.add(new ReplyEvent(entry.getId(), ReplyEvent.Type.DONE, job, "1".equals(Json.text(body.get("stored"))), null));
            }
        }
        return events;
    }

    /**
     * Drops a submitter's events before an entry (they have been read).
     *
     * @param submitter the submitter
     * @param beforeId  entries older than this go
     * @return completes with the number dropped
     */
    public CompletableFuture<Long> trim(String submitter, String beforeId) {
        return link.commands().xtrim(keys.reply(submitter), XTrimArgs.Builder.minId(beforeId).approximateTrimming()).toCompletableFuture();
    }

    /**
     * @param submitter a submitter that is done
     * @return completes when its stream is deleted
     */
    public CompletableFuture<Long> delete(String submitter) {
        return link.commands().del(keys.reply(submitter)).toCompletableFuture();
    }
}
