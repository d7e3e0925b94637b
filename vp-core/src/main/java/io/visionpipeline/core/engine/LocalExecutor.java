package io.visionpipeline.core.engine;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.FrameResultStream;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.stage.AudioStage;
import io.visionpipeline.stage.StageSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs pipelines in this JVM: a bounded pool of compute threads shared by all frame stages,
 * per-stage batching (size + delay, frames of several media may share a batch), bounded memory (at
 * most {@code maxFramesInFlight} decoded frames at once, the decoders wait for the stages), several
 * media decoded concurrently, cancellation, deadlines and progress. Audio stages ({@code speech})
 * read each media's audio track on a thread of their own, alongside the frame stages.
 *
 * <pre>{@code
 * try (VisionPipeline vp = VisionPipeline.builder().faces()
 *         .executor(LocalExecutor.builder().threads(4).maxFramesInFlight(32).build())
 *         .build()) {
 *     vp.analyze(Path.of("talk.mp4"));
 * }
 * }</pre>
 *
 * Stages are created once per distinct {@link StageSpec} and shared by all jobs; they are closed
 * when the executor is.
 *
 * @since 0.1
 */
public final class LocalExecutor implements PipelineExecutor {
    private static final Logger LOG = LoggerFactory.getLogger(LocalExecutor.class);

    /** Default compute threads: one per available processor. */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();
    /** Default number of media decoded at once. */
    public static final int DEFAULT_MAX_CONCURRENT_MEDIA = 2;
    /** Default bound on decoded frames held at once, executor-wide. */
    public static final int DEFAULT_MAX_FRAMES_IN_FLIGHT = 16;

    private final int threads;
    private final int decoderThreads;
    private final int maxFramesInFlight;
    private final ExecutorService compute;
    private final ExecutorService jobs;
    private final ExecutorService audio;
    private final Semaphore inflight;
    private final Map<StageSpec, StageRunner> runners = new ConcurrentHashMap<>();
    private final Map<StageSpec, StageInstances<AudioStage<?>>> audioStages = new ConcurrentHashMap<>();
    private final Set<FrameJob> active = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    private LocalExecutor(Builder builder) {
        this.threads = builder.threads;
        this.decoderThreads = builder.decoderThreads;
        this.maxFramesInFlight = builder.maxFramesInFlight;
        this.compute = Executors.newFixedThreadPool(threads, daemonThreads("vp-compute"));
        this.jobs = Executors.newFixedThreadPool(builder.maxConcurrentMedia, daemonThreads("vp-media"));
        this.audio = Executors.newCachedThreadPool(daemonThreads("vp-audio"));
        this.inflight = new Semaphore(maxFramesInFlight);
    }

    /**
     * @param threads compute threads
     * @return an executor with defaults otherwise
     */
    public static LocalExecutor withThreads(int threads) {
        return builder().threads(threads).build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the number of compute threads */
    public int threads() {
        return threads;
    }

    @Override
    public void prepare(PipelineSpec pipeline) {
        stagesFor(pipeline);
    }

    @Override
    public CompletableFuture<MediaReport> submit(AnalysisJob job, ProgressListener progress) {
        CompletableFuture<MediaReport> future = new CompletableFuture<>();
        FrameJob frameJob;
        try {
            frameJob = new FrameJob(job, stagesFor(job.pipeline()), inflight, decoderThreads, audio, new ReportSink(future), progress);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return future;
        }
        start(frameJob);
        future.whenComplete((report, error) -> {
            if (future.isCancelled()) {
                frameJob.cancel();
            }
        });
        return future;
    }

    @Override
    public FrameResultStream stream(AnalysisJob job) {
        StreamSink sink = new StreamSink(maxFramesInFlight);
        FrameJob frameJob = new FrameJob(job, stagesFor(job.pipeline()), inflight, decoderThreads, audio, sink, ProgressListener.NONE);
        sink.attach(frameJob, frameJob.open());
        start(frameJob);
        return sink;
    }

    private void start(FrameJob job) {
        if (closed) {
            throw new VisionPipelineException("The local executor is closed");
        }
        active.add(job);
        jobs.execute(() -> {
            try {
                job.run();
            } finally {
                active.remove(job);
            }
        });
    }

    private JobStages stagesFor(PipelineSpec pipeline) {
        if (closed) {
            throw new VisionPipelineException("The local executor is closed");
        }
        List<StageRunner> frames = new ArrayList<>();
        List<StageInstances<AudioStage<?>>> audioList = new ArrayList<>();
        List<StageRun> runs = new ArrayList<>();
        for (StageSpec spec : pipeline.stages()) {
            if (StageKinds.named(spec.kind()).isAudioKind()) {
                StageInstances<AudioStage<?>> stage = audioStages.computeIfAbsent(spec, s -> new StageInstances<>(s, AudioStage.class));
                audioList.add(stage);
                runs.add(stage.describe());
            } else {
                StageRunner runner = runners.computeIfAbsent(spec, s -> new StageRunner(s, compute, threads));
                frames.add(runner);
                runs.add(runner.describe());
            }
        }
        return new JobStages(frames, audioList, runs);
    }

    /**
     * Cancels running jobs, stops the threads and closes every stage, waiting up to 30 s for
     * running batches so that no model is closed while in use.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        active.forEach(FrameJob::cancel);
        jobs.shutdownNow();
        runners.values().forEach(StageRunner::close);
        compute.shutdown();
        audio.shutdownNow();
        try {
            if (!compute.awaitTermination(30, TimeUnit.SECONDS) || !audio.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("Stages still running after 30 s; their models are left open rather than freed in use");
                return;
            }
            jobs.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        runners.values().forEach(StageRunner::closeStages);
        runners.clear();
        audioStages.values().forEach(StageInstances::closeAll);
        audioStages.clear();
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link LocalExecutor}; methods are named after what they set. */
    public static final class Builder {
        private int threads = DEFAULT_THREADS;
        private int maxConcurrentMedia = DEFAULT_MAX_CONCURRENT_MEDIA;
        private int maxFramesInFlight = DEFAULT_MAX_FRAMES_IN_FLIGHT;
        private int decoderThreads = 0;

        private Builder() {
        }

        /**
         * @param threads compute threads shared by all stages, at least 1
         * @return this builder
         */
        public Builder threads(int threads) {
            this.threads = positive("threads", threads);
            return this;
        }

        /**
         * @param count media decoded at once, at least 1
         * @return this builder
         */
        public Builder maxConcurrentMedia(int count) {
            this.maxConcurrentMedia = positive("maxConcurrentMedia", count);
            return this;
        }

        /**
         * @param count decoded frames held at once over all media, at least 1 (bounds memory:
         *              a 1280×720 frame takes 2.7 MB)
         * @return this builder
         */
        public Builder maxFramesInFlight(int count) {
            this.maxFramesInFlight = positive("maxFramesInFlight", count);
            return this;
        }

        /**
         * @param count FFmpeg decoding threads per media; 0 lets FFmpeg choose
         * @return this builder
         */
        public Builder decoderThreads(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("decoderThreads must be >= 0: " + count);
            }
            this.decoderThreads = count;
            return this;
        }

        /** @return the executor */
        public LocalExecutor build() {
            return new LocalExecutor(this);
        }

        private static int positive(String name, int value) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be >= 1: " + value);
            }
            return value;
        }
    }
}
