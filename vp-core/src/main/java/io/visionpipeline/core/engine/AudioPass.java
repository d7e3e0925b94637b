package io.visionpipeline.core.engine;

import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageStats;
import io.visionpipeline.stage.AudioStage;
import io.visionpipeline.stage.StageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The audio side of one job: each audio stage reads its own {@link JobTrack} of the media on a
 * thread of the executor's audio pool, while the job's thread runs the frame stages. A stage's
 * failure fails the job; a stopped job makes the tracks refuse further clips and interrupts the
 * stages. Results go into the report once all stages are done.
 */
final class AudioPass {
    private static final Logger LOG = LoggerFactory.getLogger(AudioPass.class);
    private static final long STOP_WAIT_SECONDS = 30;

    private final FrameJob job;
    private final List<StageInstances<AudioStage<?>>> stages;
    private final List<JobTrack> tracks = new ArrayList<>();
    private final Object[] results;
    private final long[] busyNanos;
    private final List<Future<?>> running = new ArrayList<>();
    private final CountDownLatch done;

    AudioPass(FrameJob job, List<StageInstances<AudioStage<?>>> stages, List<AudioReader> readers) {
        this.job = job;
        this.stages = stages;
        for (AudioReader reader : readers) {
            tracks.add(new JobTrack(job, reader));
        }
        this.results = new Object[stages.size()];
        this.busyNanos = new long[stages.size()];
        this.done = new CountDownLatch(stages.size());
    }

    /** @param pool where the stages run, one task per stage */
    void start(ExecutorService pool) {
        for (int slot = 0; slot < stages.size(); slot++) {
            int s = slot;
            try {
                running.add(pool.submit(() -> run(s)));
            } catch (RejectedExecutionException e) {
                done.countDown();
                job.fail(new StageException("The executor is closed", e));
            }
        }
    }

    private void run(int slot) {
        StageInstances<AudioStage<?>> instances = stages.get(slot);
        try {
            AudioStage<?> stage = instances.acquire();
            long started = System.nanoTime();
            try {
                Object result = stage.process(tracks.get(slot));
                if (result == null) {
                    throw new IllegalStateException("the stage returned no result");
                }
                results[slot] = result;
            } finally {
                busyNanos[slot] = System.nanoTime() - started;
                instances.release(stage);
            }
        } catch (CancellationException e) {
            LOG.debug("Audio stage {} stopped on {}", instances.kind(), job.mediaId());
        } catch (RuntimeException | LinkageError e) {
            if (!job.isStopped()) {
                job.fail(instances.failure(job.mediaId(), "", e));
            }
        } finally {
            done.countDown();
        }
    }

    /**
     * @param millis how long to wait
     * @return whether every stage has finished
     * @throws InterruptedException when the job's thread is interrupted
     */
    boolean await(long millis) throws InterruptedException {
        return done.await(millis, TimeUnit.MILLISECONDS);
    }

    /** @return media time up to which every track has been read */
    Duration position() {
        return tracks.stream().map(JobTrack::position).min(Duration::compareTo).orElse(Duration.ZERO);
    }

    /** Stores each stage's result in the report; call once {@link #await} said all are done. */
    void writeResults(MediaReport.Builder report) {
        for (int slot = 0; slot < stages.size(); slot++) {
            stages.get(slot).kind().writeMediaResult(report, results[slot]);
        }
    }

    /** @return per-stage work: clips read as frames, one batch, time inside {@code process} */
    List<StageStats> stats() {
        List<StageStats> stats = new ArrayList<>();
        for (int slot = 0; slot < stages.size(); slot++) {
            stats.add(new StageStats(stages.get(slot).kind().name(), tracks.get(slot).clipsRead(), 1, Duration.ofNanos(busyNanos[slot])));
        }
        return stats;
    }

    /** @return time spent decoding audio, over all tracks */
    Duration decodeTime() {
        return tracks.stream().map(JobTrack::decodeTime).reduce(Duration.ZERO, Duration::plus);
    }

    /**
     * Stops stages still running (the job has stopped) and waits for them to let go of their
     * tracks, so the readers can be closed safely.
     *
     * @return false when a stage did not stop in time; its reader must then be left open
     */
    boolean stop() {
        running.forEach(f -> f.cancel(true));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(STOP_WAIT_SECONDS);
        boolean interrupted = false;
        try {
            while (System.nanoTime() < deadline) {
                try {
                    if (done.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                        return true;
                    }
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.warn("An audio stage of {} did not stop within {} s; its decoder is left open rather than freed in use",
                job.mediaId(), STOP_WAIT_SECONDS);
        return false;
    }
}
