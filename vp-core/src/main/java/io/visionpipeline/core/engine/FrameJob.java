package io.visionpipeline.core.engine;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageStats;
import io.visionpipeline.report.Timings;
import io.visionpipeline.stage.SequenceAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One media through the local executor. Its thread decodes sampled frames, hands each to every
 * stage runner, and emits finished frames in media order through the stages' aggregators to a
 * {@link FrameSink}. Memory is bounded by the executor-wide in-flight permits: the decoder waits
 * for a permit before decoding the next sampled frame, and a permit comes back when a frame is
 * emitted.
 */
final class FrameJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameJob.class);
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    private static final long POLL_MILLIS = 50;

    private final AnalysisJob job;
    private final List<StageRunner> runners;
    private final Semaphore inflight;
    private final int decoderThreads;
    private final FrameSink sink;
    private final ProgressListener progress;
    private final BlockingQueue<PendingFrame> completed = new LinkedBlockingQueue<>();
    private final long[] stageFrames;
    private final long[] stageBatches;
    private final long[] stageNanos;
    private volatile FrameReader reader;
    private volatile RuntimeException failure;
    private volatile boolean cancelled;
    private volatile Thread thread;
    private Duration lastEmittedTime = Duration.ZERO;

    FrameJob(AnalysisJob job, List<StageRunner> runners, Semaphore inflight, int decoderThreads,
             FrameSink sink, ProgressListener progress) {
        this.job = job;
        this.runners = runners;
        this.inflight = inflight;
        this.decoderThreads = decoderThreads;
        this.sink = sink;
        this.progress = progress;
        this.stageFrames = new long[runners.size()];
        this.stageBatches = new long[runners.size()];
        this.stageNanos = new long[runners.size()];
    }

    String mediaId() {
        return job.source().id();
    }

    /**
     * Opens the media now, on the caller's thread, so that open errors surface at once.
     *
     * @return what was opened
     */
    MediaInfo open() {
        if (reader == null) {
            reader = FrameReader.open(job.source(), job.pipeline().sampling(), decoderThreads);
        }
        return reader.media();
    }

    boolean isStopped() {
        return cancelled || failure != null;
    }

    /** Stops the job; a waiting sink or decoder notices within {@value #POLL_MILLIS} ms. */
    void cancel() {
        cancelled = true;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    void fail(Throwable error) {
        if (failure == null) {
            failure = error instanceof VisionPipelineException vpe ? vpe
                    : new VisionPipelineException("Analysis of '" + mediaId() + "' failed: " + error, error);
        }
    }

    void frameCompleted(PendingFrame frame) {
        completed.add(frame);
    }

    synchronized void recordStageWork(int slot, int frames, long nanos) {
        stageFrames[slot] += frames;
        stageBatches[slot]++;
        stageNanos[slot] += nanos;
    }

    @Override
    public void run() {
        thread = Thread.currentThread();
        long started = System.nanoTime();
        long submitted = 0;
        long emitted = 0;
        try {
            if (cancelled) {
                throw new CancellationException("cancelled before it started");
            }
            MediaInfo media = open();
            MediaReport.Builder report = MediaReport.builder(media).sampling(job.pipeline().sampling().text());
            List<SequenceAggregator<Object>> aggregators = new ArrayList<>();
            for (StageRunner runner : runners) {
                report.addStage(runner.describe());
                aggregators.add(aggregatorOf(runner, media));
            }
            sink.opened(media);
            TreeMap<Long, PendingFrame> ready = new TreeMap<>();
            boolean endOfMedia = false;
            long lastProgress = 0;
            LOG.debug("Analysing {} ({}, {} stage(s))", mediaId(), media.kind(), runners.size());
            while (!endOfMedia || emitted < submitted) {
                checkRunning();
                for (PendingFrame done; (done = completed.poll()) != null; ) {
                    ready.put(done.sequence(), done);
                }
                while (!ready.isEmpty() && ready.firstKey() == emitted) {
                    PendingFrame next = ready.pollFirstEntry().getValue();
                    lastEmittedTime = next.timestamp();
                    sink.frame(aggregate(next, aggregators), report);
                    emitted++;
                    inflight.release();
                    if (System.nanoTime() - lastProgress > PROGRESS_INTERVAL_NANOS) {
                        lastProgress = System.nanoTime();
                        progress(media, emitted, started, false);
                    }
                }
                if (endOfMedia) {
                    PendingFrame done = completed.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (done != null) {
                        ready.put(done.sequence(), done);
                    }
                } else if (inflight.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    ImageFrame image = reader.next();
                    if (image == null) {
                        inflight.release();
                        endOfMedia = true;
                    } else {
                        PendingFrame frame = new PendingFrame(this, submitted++, image, runners.size());
                        for (int slot = 0; slot < runners.size(); slot++) {
                            runners.get(slot).enqueue(frame, slot);
                        }
                    }
                }
            }
            for (SequenceAggregator<Object> aggregator : aggregators) {
                aggregator.finish(report);
            }
            reader.warnings().forEach(report::addWarning);
            report.timings(timings(started));
            progress(media, emitted, started, true);
            sink.finished(report.build());
        } catch (InterruptedException e) {
            sink.failed(stopReason(null));
        } catch (RuntimeException e) {
            sink.failed(stopReason(e));
        } finally {
            inflight.release((int) (submitted - emitted));
            FrameReader r = reader;
            if (r != null) {
                r.close();
            }
            thread = null;
            Thread.interrupted();
        }
    }

    private void checkRunning() {
        if (failure != null) {
            throw failure;
        }
        if (cancelled) {
            throw new CancellationException("Analysis of '" + mediaId() + "' was cancelled");
        }
        Instant deadline = job.deadline();
        if (deadline != null && Instant.now().isAfter(deadline)) {
            fail(new VisionPipelineException("Analysis of '" + mediaId() + "' passed its deadline " + deadline));
            throw failure;
        }
    }

    private RuntimeException stopReason(RuntimeException thrown) {
        if (failure != null) {
            return failure;
        }
        if (cancelled || thrown == null) {
            return new CancellationException("Analysis of '" + mediaId() + "' was cancelled");
        }
        if (thrown instanceof VisionPipelineException || thrown instanceof CancellationException) {
            return thrown;
        }
        return new VisionPipelineException("Analysis of '" + mediaId() + "' failed: " + thrown, thrown);
    }

    @SuppressWarnings("unchecked")
    private static SequenceAggregator<Object> aggregatorOf(StageRunner runner, MediaInfo media) {
        return (SequenceAggregator<Object>) runner.anyInstance().newAggregator(media);
    }

    private FrameResult aggregate(PendingFrame frame, List<SequenceAggregator<Object>> aggregators) {
        FrameResult.Builder result = FrameResult.builder(frame.index(), frame.timestamp());
        for (int slot = 0; slot < runners.size(); slot++) {
            Object value = aggregators.get(slot).onFrame(frame.index(), frame.timestamp(), frame.result(slot));
            runners.get(slot).kind().writeFrameResult(result, value);
        }
        return result.build();
    }

    private synchronized Timings timings(long started) {
        List<StageStats> stats = new ArrayList<>();
        for (int slot = 0; slot < runners.size(); slot++) {
            stats.add(new StageStats(runners.get(slot).kind().name(), stageFrames[slot], stageBatches[slot],
                    Duration.ofNanos(stageNanos[slot])));
        }
        return new Timings(Duration.ofNanos(System.nanoTime() - started), reader.decodeTime(), stats);
    }

    private void progress(MediaInfo media, long framesDone, long started, boolean finished) {
        try {
            progress.onProgress(new Progress(job.id(), mediaId(), framesDone, reader.expectedFrames(),
                    finished ? media.duration() : lastEmittedTime, media.duration(),
                    Duration.ofNanos(System.nanoTime() - started), finished));
        } catch (RuntimeException e) {
            LOG.warn("Progress listener failed for {}: {}", mediaId(), e.toString());
        }
    }
}
