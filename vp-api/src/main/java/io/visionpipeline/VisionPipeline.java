package io.visionpipeline;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.FrameResultStream;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineExecutorProvider;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.internal.ServiceLookup;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageSpec;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The entry point: a configured pipeline of stages that analyses media into {@link MediaReport}s.
 *
 * <pre>{@code
 * try (VisionPipeline vp = VisionPipeline.builder()
 *         .sampling(FrameSampling.every(Duration.ofSeconds(1)))
 *         .faces()
 *         .speech()
 *         .build()) {
 *     MediaReport report = vp.analyze(Path.of("talk.mp4"));                 // blocking
 *     report.transcript().segments().forEach(System.out::println);          // what is said, and when
 *     CompletableFuture<MediaReport> later = vp.submit(MediaSource.of(uri)); // async, cancellable
 *     try (FrameResultStream frames = vp.stream(MediaSource.of(uri))) {     // long media, bounded memory
 *         frames.forEachRemaining(System.out::println);
 *     }
 * }
 * }</pre>
 *
 * A pipeline is thread-safe: share one across requests. Closing it closes its executor and the
 * models the executor loaded.
 *
 * @since 0.1
 */
public final class VisionPipeline implements AutoCloseable {
    private final PipelineSpec spec;
    private final PipelineExecutor executor;
    private final ProgressListener progress;
    private final Duration timeout;

    private VisionPipeline(Builder builder, PipelineExecutor executor) {
        this.spec = new PipelineSpec(builder.sampling, List.copyOf(builder.stages.values()));
        this.executor = executor;
        this.progress = builder.progress;
        this.timeout = builder.timeout;
    }

    /** @return a builder for a pipeline */
    public static Builder builder() {
        return new Builder();
    }

    /** @return what this pipeline runs on each media */
    public PipelineSpec spec() {
        return spec;
    }

    /**
     * Analyses one file, blocking until its report is ready.
     *
     * @param file a video, image or audio file
     * @return its report
     * @throws io.visionpipeline.media.MediaDecodeException when the file cannot be decoded
     * @throws VisionPipelineException                      when a stage fails
     */
    public MediaReport analyze(Path file) {
        return analyze(MediaSource.of(file));
    }

    /**
     * Analyses one media, blocking until its report is ready; goes through {@link #analyzeAll}.
     *
     * @param source a file, URI or stream (not a directory: use {@link #analyzeAll})
     * @return its report
     * @throws io.visionpipeline.media.MediaDecodeException when the media cannot be decoded
     * @throws VisionPipelineException                      when a stage fails
     * @throws IllegalArgumentException                     when the source is a directory
     */
    public MediaReport analyze(MediaSource source) {
        if (source instanceof MediaSource.DirectorySource) {
            throw new IllegalArgumentException(source.id() + " is a directory: use analyzeAll() for several files");
        }
        return analyzeAll(List.of(source)).get(0).reportOrThrow();
    }

    /**
     * Analyses several media (directories are expanded to the media files inside them), blocking
     * until all are done. A file that fails does not stop the others.
     *
     * @param sources files, directories, URIs or streams
     * @return one result per media file, in order
     */
    public List<AnalysisResult> analyzeAll(Collection<? extends MediaSource> sources) {
        List<MediaSource> files = new ArrayList<>();
        List<AnalysisResult> failedExpansions = new ArrayList<>();
        for (MediaSource source : sources) {
            try {
                files.addAll(source.expand());
            } catch (VisionPipelineException e) {
                failedExpansions.add(AnalysisResult.failure(source, e));
            }
        }
        List<CompletableFuture<MediaReport>> futures = files.stream().map(this::submit).toList();
        List<AnalysisResult> results = new ArrayList<>(failedExpansions);
        try {
            for (int i = 0; i < files.size(); i++) {
                results.add(await(files.get(i), futures.get(i)));
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new VisionPipelineException("Interrupted while analysing " + files.size() + " media", e);
        }
        return results;
    }

    /**
     * Starts analysing one media and returns at once. Cancel the future to stop the work.
     *
     * @param source a file, URI or stream
     * @return completes with the report or with a {@link VisionPipelineException}
     */
    public CompletableFuture<MediaReport> submit(MediaSource source) {
        Instant deadline = timeout == null ? null : Instant.now().plus(timeout);
        AnalysisJob job = new AnalysisJob(java.util.UUID.randomUUID().toString(), source, spec, deadline);
        return executor.submit(job, progress);
    }

    /**
     * Streams one media's frame results as they are produced, with bounded memory. Audio stages
     * (speech) still run, but their media-level results are only in the report of
     * {@link #analyze} and {@link #submit}.
     *
     * @param source a file, URI or stream
     * @return the results; close it when done
     * @throws UnsupportedOperationException when the executor is remote
     */
    public FrameResultStream stream(MediaSource source) {
        return executor.stream(AnalysisJob.of(source, spec));
    }

    /** Closes the executor and the models it loaded. */
    @Override
    public void close() {
        executor.close();
    }

    private static AnalysisResult await(MediaSource source, CompletableFuture<MediaReport> future) throws InterruptedException {
        try {
            return AnalysisResult.success(source, future.get());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            return AnalysisResult.failure(source, cause instanceof VisionPipelineException vpe ? vpe
                    : new VisionPipelineException("Analysis of '" + source.id() + "' failed: " + cause, cause));
        } catch (CancellationException e) {
            return AnalysisResult.failure(source, new VisionPipelineException("Analysis of '" + source.id() + "' was cancelled", e));
        }
    }

    /**
     * Configures a {@link VisionPipeline}.
     *
     * <p>Naming rule: a builder method is named after what it sets ({@code sampling}, {@code faces},
     * {@code executor}), never {@code setX}/{@code withX}; each checks its argument at once, and
     * {@link #build()} checks that the whole makes sense.
     */
    public static final class Builder {
        private FrameSampling sampling = FrameSampling.DEFAULT;
        private final Map<String, StageSpec> stages = new LinkedHashMap<>();
        private PipelineExecutor executor;
        private ProgressListener progress = ProgressListener.NONE;
        private Duration timeout;

        private Builder() {
        }

        /**
         * @param sampling which video frames to analyse (default: one per second)
         * @return this builder
         */
        public Builder sampling(FrameSampling sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * Adds face detection with the best available provider.
         *
         * @return this builder
         */
        public Builder faces() {
            return stage(StageSpec.of(StageKinds.FACES.name()));
        }

        /**
         * Adds face detection with a named provider and options.
         *
         * @param provider provider name, e.g. {@code blazeface}
         * @param options  provider options, e.g. {@code StageOptions.of("model", "full")}
         * @return this builder
         */
        public Builder faces(String provider, StageOptions options) {
            return stage(new StageSpec(StageKinds.FACES.name(), provider, options.asMap()));
        }

        /**
         * Adds text recognition (OCR) with the best available provider ({@code ppocr} by default).
         *
         * @return this builder
         */
        public Builder ocr() {
            return stage(StageSpec.of(StageKinds.OCR.name()));
        }

        /**
         * Adds text recognition (OCR) with a named provider and options.
         *
         * @param provider provider name: {@code ppocr} or {@code tesseract}
         * @param options  provider options, e.g. {@code StageOptions.of("languages", "eng+deu")}
         * @return this builder
         */
        public Builder ocr(String provider, StageOptions options) {
            return stage(new StageSpec(StageKinds.OCR.name(), provider, options.asMap()));
        }

        /**
         * Adds body pose estimation with the best available provider ({@code movenet}, MultiPose:
         * up to six people per frame, with track ids over a video). Choose another model with
         * {@code stage(new StageSpec("pose", "movenet", Map.of("model", "thunder")))}.
         *
         * @return this builder
         */
        public Builder pose() {
            return stage(StageSpec.of(StageKinds.POSE.name()));
        }

        /**
         * Adds NSFW scoring with the best available provider ({@code nsfwjs}); the report gets a
         * per-media safety summary. The CLIP-based classifier is
         * {@code stage(new StageSpec("nsfw", "clip", Map.of("model", "/models/clip")))}.
         *
         * @return this builder
         */
        public Builder nsfw() {
            return stage(StageSpec.of(StageKinds.NSFW.name()));
        }

        /**
         * Adds speech transcription (the {@code speech} stage) with the best available provider and
         * its default model. For another model or options, add it with {@link #stage(StageSpec)}:
         * {@code stage(new StageSpec("speech", "whisper", Map.of("model", "small.en")))}.
         *
         * @return this builder
         */
        public Builder speech() {
            return stage(StageSpec.of(StageKinds.SPEECH.name()));
        }

        /**
         * Adds any stage; a second stage of the same kind replaces the first.
         *
         * @param spec the stage's kind, provider and options
         * @return this builder
         * @throws IllegalArgumentException when the kind is unknown
         */
        public Builder stage(StageSpec spec) {
            Objects.requireNonNull(spec, "spec");
            StageKinds.named(spec.kind());
            stages.put(spec.kind(), spec);
            return this;
        }

        /**
         * @param executor where jobs run; the pipeline takes ownership and closes it (default: the
         *                 highest-priority available executor provider, i.e. the local executor)
         * @return this builder
         */
        public Builder executor(PipelineExecutor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * @param progress receives progress events for every job
         * @return this builder
         */
        public Builder progress(ProgressListener progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * @param timeout the most wall time one media may take; a job past it fails
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Builds the pipeline and prepares its stages on the executor, so a missing model fails here.
         *
         * @return the pipeline
         * @throws IllegalStateException   when no stage was added
         * @throws VisionPipelineException when a stage cannot be created
         */
        public VisionPipeline build() {
            if (stages.isEmpty()) {
                throw new IllegalStateException("No stages: add at least one, e.g. builder().faces()");
            }
            PipelineExecutor chosen = executor != null ? executor : defaultExecutor();
            VisionPipeline pipeline = new VisionPipeline(this, chosen);
            try {
                chosen.prepare(pipeline.spec);
            } catch (RuntimeException e) {
                chosen.close();
                throw e;
            }
            return pipeline;
        }

        private static PipelineExecutor defaultExecutor() {
            List<PipelineExecutorProvider> providers = ServiceLookup.load(PipelineExecutorProvider.class);
            return providers.stream()
                    .filter(p -> p.availability().available())
                    .max(Comparator.comparingInt(PipelineExecutorProvider::priority))
                    .orElseThrow(() -> new IllegalStateException("No pipeline executor on the class path"
                            + (providers.isEmpty() ? "; add vp-core (LocalExecutor)" : ": " + providers.stream()
                            .map(p -> p.name() + " (" + p.availability().reason() + ")").collect(Collectors.joining("; ")))))
                    .create(Map.of());
        }
    }
}
