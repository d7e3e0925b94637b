package io.visionpipeline.core.engine;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.events.AggregateEvent;
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
import java.util.Collections;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * One media through the local executor. Its thread decodes sampled frames, hands each to every
 * frame stage runner, and emits finished frames in media order through the stages' aggregators to
 * a {@link FrameSink}, while the audio stages read the audio track on threads of their own
 * ({@link AudioPass}); their results join the report when both sides are done. Memory is bounded
 * by the executor-wide in-flight permits: the decoder waits for a permit before decoding the next
 * sampled frame, and a permit comes back when a frame is emitted. A pipeline without frame stages
 * decodes no video at all.
 */
final class FrameJob implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(FrameJob.class);
    private static final long PROGRESS_INTERVAL_NANOS = 100_000_000L;
    private static final long POLL_MILLIS = 50;

    private final AnalysisJob job;
    private final JobStages stages;
    private final List<StageRunner> runners;
    private final Semaphore inflight;
    private final int decoderThreads;
    private final ExecutorService audioPool;
    private final FrameSink sink;
    private final ProgressListener progress;
    private final BlockingQueue<PendingFrame> completed = new LinkedBlockingQueue<>();
    private final long[] stageFrames;
    private final long[] stageBatches;
    private final long[] stageNanos;
    private volatile JobMedia opened;
    private volatile RuntimeException failure;
    private volatile boolean cancelled;
    private volatile Thread thread;
    private Duration lastEmittedTime = Duration.ZERO;

    FrameJob(AnalysisJob job, JobStages stages, Semaphore inflight, int decoderThreads, ExecutorService audioPool,
             FrameSink sink, ProgressListener progress) {
        this.job = job;
        this.stages = stages;
        this.runners = stages.frames();
        this.inflight = inflight;
        this.decoderThreads = decoderThreads;
        this.audioPool = audioPool;
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
        if (opened == null) {
            opened = JobMedia.open(job.source(), job.pipeline().sampling(), decoderThreads,
                    !runners.isEmpty(), stages.audio().size());
        }
        return opened.info();
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
        AudioPass audio = null;
        FrameLoop frames = null;
        try {
            if (cancelled) {
                throw new CancellationException("cancelled before it started");
            }
            MediaInfo media = open();
            MediaReport.Builder report = MediaReport.builder(media).sampling(job.pipeline().sampling().text());
            stages.runs().forEach(report::addStage);
            sink.opened(media);
            LOG.debug("Analysing {} ({}, {} frame and {} audio stage(s))", mediaId(), media.kind(), runners.size(), stages.audio().size());
            audio = new AudioPass(this, stages.audio(), opened.audio());
            audio.start(audioPool);
            frames = new FrameLoop(media, report, audio);
            frames.run(started);
            awaitAudio(audio, media, frames, started);
            audio.writeResults(report);
            if (opened.frames() != null) {
                opened.frames().warnings().forEach(report::addWarning);
            }
            report.timings(timings(started, audio));
            progress(media, frames.emitted, started, true, media.duration());
            sink.finished(report.build());
        } catch (InterruptedException e) {
            sink.failed(stopReason(null));
        } catch (RuntimeException e) {
            sink.failed(stopReason(e));
        } catch (Error e) {
            // e.g. OutOfMemoryError while decoding: the job fails instead of leaving its caller waiting
            sink.failed(stopReason(new VisionPipelineException("Analysis of '" + mediaId() + "' failed: " + FailureText.of(e), e)));
        } finally {
            if (frames != null) {
                inflight.release((int) (frames.submitted - frames.emitted));
            }
            boolean audioStopped = audio == null || audio.stop();
            JobMedia media = opened;
            if (media != null && audioStopped) {
                media.close();
            }
            thread = null;
            Thread.interrupted();
        }
    }

    /** Waits for the audio stages, watching for cancellation, failure and the deadline meanwhile. */
    private void awaitAudio(AudioPass audio, MediaInfo media, FrameLoop frames, long started) throws InterruptedException {
        long lastProgress = System.nanoTime();
        while (!audio.await(POLL_MILLIS)) {
            checkRunning();
            if (System.nanoTime() - lastProgress > PROGRESS_INTERVAL_NANOS) {
                lastProgress = System.nanoTime();
                progress(media, frames.emitted, started, false, audio.position());
            }
        }
        checkRunning();
    }

    /** Decodes sampled frames, feeds the frame stages and emits finished frames in media order. */
    private final class FrameLoop {
        private final MediaInfo media;
        private final MediaReport.Builder report;
        private final AudioPass audio;
        private final List<SequenceAggregator<Object>> aggregators = new ArrayList<>();
        private long submitted;
        private long emitted;

        FrameLoop(MediaInfo media, MediaReport.Builder report, AudioPass audio) {
            this.media = media;
            this.report = report;
            this.audio = audio;
            for (StageRunner runner : runners) {
                aggregators.add(aggregatorOf(runner, media));
            }
        }

        void run(long started) throws InterruptedException {
            if (opened.frames() == null) {
                return;
            }
            TreeMap<Long, PendingFrame> ready = new TreeMap<>();
            boolean endOfMedia = false;
            long lastProgress = 0;
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
                        progress(media, emitted, started, false, stages.audio().isEmpty() ? lastEmittedTime
                                : Collections.min(List.of(lastEmittedTime, audio.position())));
                    }
                }
                if (endOfMedia) {
                    PendingFrame done = completed.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    if (done != null) {
                        ready.put(done.sequence(), done);
                    }
                } else if (inflight.tryAcquire(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
                    ImageFrame image = opened.frames().next();
                    if (image == null) {
                        inflight.release();
                        endOfMedia = true;
                    } else {
                        PendingFrame frame = new PendingFrame(FrameJob.this, submitted++, image, runners.size());
                        for (int slot = 0; slot < runners.size(); slot++) {
                            runners.get(slot).enqueue(frame, slot);
                        }
                    }
                }
            }
            for (SequenceAggregator<Object> aggregator : aggregators) {
                aggregator.finish(report);
            }
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
        AggregateEvent event = new AggregateEvent();
        event.begin();
        FrameResult.Builder result = FrameResult.builder(frame.index(), frame.timestamp());
        for (int slot = 0; slot < runners.size(); slot++) {
            Object value = aggregators.get(slot).onFrame(frame.index(), frame.timestamp(), frame.result(slot));
            runners.get(slot).kind().writeFrameResult(result, value);
        }
        if (event.shouldCommit()) {
            event.media = mediaId();
            event.commit();
        }
        return result.build();
    }

    private synchronized Timings timings(long started, AudioPass audio) {
        List<StageStats> stats = new ArrayList<>();
        for (int slot = 0; slot < runners.size(); slot++) {
            stats.add(new StageStats(runners.get(slot).kind().name(), stageFrames[slot], stageBatches[slot],
                    Duration.ofNanos(stageNanos[slot])));
        }
        stats.addAll(audio.stats());
        Duration decode = audio.decodeTime().plus(opened.frames() == null ? Duration.ZERO : opened.frames().decodeTime());
        return new Timings(Duration.ofNanos(System.nanoTime() - started), decode, stats);
    }

    /**
     * @param position media time analysed so far: of the last emitted frame, or how far the audio
     *                 stages have read once the frames are done
     */
    private void progress(MediaInfo media, long framesDone, long started, boolean finished, Duration position) {
        try {
            long expected = opened.frames() == null ? 0 : opened.frames().expectedFrames();
            progress.onProgress(new Progress(job.id(), mediaId(), framesDone, expected,
                    finished ? media.duration() : position, media.duration(),
                    Duration.ofNanos(System.nanoTime() - started), finished));
        } catch (RuntimeException e) {
            LOG.warn("Progress listener failed for {}: {}", mediaId(), e.toString());
        }
    }
}
