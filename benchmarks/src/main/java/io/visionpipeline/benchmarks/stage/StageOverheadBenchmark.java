package io.visionpipeline.benchmarks.stage;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.benchmarks.BareInputs;
import io.visionpipeline.benchmarks.BenchmarkMedia;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceDetector;
import io.visionpipeline.cpu.face.BlazeFaceModel;
import io.visionpipeline.cpu.face.BlazeFaceProvider;
import io.visionpipeline.cpu.face.FaceEmbedderModel;
import io.visionpipeline.cpu.face.FaceEmbedderSession;
import io.visionpipeline.cpu.face.FaceIdentification;
import io.visionpipeline.cpu.ocr.ppocr.PpOcrRecognizer;
import io.visionpipeline.cpu.ocr.ppocr.PpOcrSettings;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.pose.MoveNetEstimator;
import io.visionpipeline.cpu.pose.MoveNetModel;
import io.visionpipeline.cpu.safety.NsfwjsClassifier;
import io.visionpipeline.cpu.safety.NsfwjsModel;
import io.visionpipeline.cpu.safety.NsfwjsResize;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.IdentityTracker;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.stage.FrameStage;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ONNX frame stages on the suite's common parameters, each beside bare ONNX Runtime running
 * the same model on the same tensors in the same run (baseline (a): the ratio is our overhead —
 * pre-processing, tensor copies, output decoding, batching).
 *
 * <ul>
 *   <li>{@code stage}: {@code faces} (BlazeFace short range, detection only), {@code identities} (the default
 *       {@code faces} stage: detection, then alignment, quality, FaceRes embedding and thumbnail pixels per face
 *       (the thumbnail's JPEG is encoded later, once per identity, by the tracker); bare:
 *       the detector run plus one embedder run per face), {@code pose} (MoveNet MultiPose, 256 px),
 *       {@code nsfw} (nsfwjs MobileNetV2, letterboxed 224 px), {@code ocr} (PP-OCRv4: detector, then
 *       the recogniser on the lines found);</li>
 *   <li>{@code resolution}: 640×360, 1280×720, 1920×1080 — one frame of the news video
 *       ({@link BenchmarkMedia#newsFrame}) scaled: two faces, people and a caption;</li>
 *   <li>batch 1 and 8 frames per call; 1 thread, and one per core ({@code AllCores}, sharing the
 *       stage as the engine's compute pool does; each ONNX Runtime session uses one intra-op thread).</li>
 * </ul>
 *
 * Each benchmark runs the stage and its bare baseline <em>in turns</em> within one JVM: slices of
 * at least {@value #MIN_SLICE_MILLIS} ms on a clock the threads share, the stage in even slices
 * and bare ONNX Runtime in odd ones (see {@link #alternate}). Measured one after the other, as two
 * benchmarks, the two sides were minutes apart, and on a shared host a neighbour's load moved one
 * and not the other by up to 40 %; in turns it moves both. The results are the secondary metrics
 * {@code stageNanos}, {@code stageFrames}, {@code bareNanos} and {@code bareFrames} (summed over
 * the threads, per iteration): frames per second of each side, and our overhead, the ratio of
 * their times per frame. JMH's primary score counts calls of either side and means nothing alone.
 * Bare baselines run the models exactly as the stage does: BlazeFace, MoveNet MultiPose and PP-OCR
 * one image per run; nsfwjs one run per batch.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * benchmarks/run StageOverheadBenchmark -f 1 -wi 1 -i 2 -w 2s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StageOverheadBenchmark {
    static final int BATCH = 8;
    /** Shortest turn of one side, milliseconds. */
    public static final long MIN_SLICE_MILLIS = 200;

    @Param({"faces", "identities", "pose", "nsfw", "ocr"})
    public String stage;

    @Param({"640x360", "1280x720", "1920x1080"})
    public String resolution;

    private FrameStage<?> subject;
    private List<ImageFrame> frames;
    /** One frame's bare runs. */
    private List<Runnable> oneFrame;
    /** Eight frames' bare runs. */
    private List<Runnable> eightFrames;
    private final List<AutoCloseable> resources = new ArrayList<>();
    /** Turn lengths for one and eight frames per call, nanoseconds. */
    private long slice1;
    private long slice8;

    @Setup(Level.Trial)
    public void setUp() {
        String[] size = resolution.split("x");
        ImageFrame frame = BenchmarkMedia.newsFrame(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        frames = Collections.nCopies(BATCH, frame);
        ModelStore store = ModelStore.builder().allowDownloads(true).build();
        switch (stage) {
            case "faces" -> {
                BlazeFaceModel variant = BlazeFaceModel.SHORT;
                subject = BlazeFaceDetector.open(variant, store, BlazeFaceProvider.DEFAULT_THRESHOLD, BlazeFaceProvider.DEFAULT_NMS_IOU,
                        OnnxModel.Options.DEFAULT);
                OnnxModel bare = bare(store, variant.modelId(), variant.fileName());
                int side = variant.inputSize();
                Runnable run = runOf(bare, "input:0", BareInputs.floats(bare, List.of(frame),
                        Letterbox.fit(frame.width(), frame.height(), side, side), Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC));
                oneFrame = List.of(run);
                eightFrames = Collections.nCopies(BATCH, run);
            }
            case "identities" -> {
                FaceEmbedderModel embedder = FaceEmbedderModel.FACERES;
                subject = BlazeFaceDetector.open(List.of(BlazeFaceModel.SHORT), store, BlazeFaceProvider.DEFAULT_THRESHOLD,
                        BlazeFaceProvider.DEFAULT_NMS_IOU, OnnxModel.Options.DEFAULT,
                        new FaceIdentification(FaceEmbedderSession.open(embedder, store, OnnxModel.Options.DEFAULT), embedder.matchThreshold(),
                                IdentityTracker.DEFAULT_MIN_QUALITY, IdentityTracker.DEFAULT_MAX_MISSED_FRAMES, null));
                OnnxModel detector = bare(store, BlazeFaceModel.SHORT.modelId(), BlazeFaceModel.SHORT.fileName());
                int side = BlazeFaceModel.SHORT.inputSize();
                List<Runnable> runs = new ArrayList<>();
                runs.add(runOf(detector, "input:0", BareInputs.floats(detector, List.of(frame),
                        Letterbox.fit(frame.width(), frame.height(), side, side), Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC)));
                FaceEmbedderSession embedderRuns = FaceEmbedderSession.open(embedder, store, OnnxModel.Options.DEFAULT);
                resources.add(embedderRuns);
                try (BlazeFaceDetector detectOnly = BlazeFaceDetector.open(BlazeFaceModel.SHORT, store, BlazeFaceProvider.DEFAULT_THRESHOLD,
                        BlazeFaceProvider.DEFAULT_NMS_IOU, OnnxModel.Options.DEFAULT)) {
                    for (Face face : detectOnly.process(frame)) {
                        runs.add(embedderRuns.call(frame, face)::run);
                    }
                }
                oneFrame = runs;
                eightFrames = Collections.nCopies(BATCH, runs).stream().flatMap(List::stream).toList();
            }
            case "pose" -> {
                subject = MoveNetEstimator.open(MoveNetModel.MULTIPOSE, store, MoveNetEstimator.MAX_PEOPLE,
                        MoveNetEstimator.DEFAULT_MIN_POSE_SCORE, 256, OnnxModel.Options.DEFAULT);
                OnnxModel bare = bare(store, "movenet-multipose", "movenet-multipose.onnx");
                Runnable run = runOf(bare, "input", BareInputs.ints(bare, frame, MoveNetEstimator.multiPoseBox(frame.width(), frame.height(), 256)));
                oneFrame = List.of(run);
                eightFrames = Collections.nCopies(BATCH, run);
            }
            case "nsfw" -> {
                NsfwjsModel model = NsfwjsModel.MOBILENET_V2;
                subject = NsfwjsClassifier.open(model, NsfwjsResize.LETTERBOX, store, 0.5, BATCH, OnnxModel.Options.DEFAULT);
                OnnxModel bare = bare(store, "nsfwjs-mobilenet-v2", "nsfwjs-mobilenet-v2.onnx");
                Letterbox box = Letterbox.fit(frame.width(), frame.height(), 224, 224);
                oneFrame = List.of(runOf(bare, "input_1", BareInputs.floats(bare, List.of(frame), box, Normalization.ZERO_TO_ONE, TensorLayout.NHWC)));
                eightFrames = List.of(runOf(bare, "input_1", BareInputs.floats(bare, frames, box, Normalization.ZERO_TO_ONE, TensorLayout.NHWC)));
            }
            case "ocr" -> {
                PpOcrRecognizer ocr = PpOcrRecognizer.open(store, PpOcrSettings.DEFAULT);
                subject = ocr;
                List<Runnable> runs = new ArrayList<>();
                for (OnnxModel.Call call : ocr.inferenceCalls(frame)) {
                    runs.add(call::run);
                }
                oneFrame = runs;
                eightFrames = Collections.nCopies(BATCH, runs).stream().flatMap(List::stream).toList();
            }
            default -> throw new IllegalArgumentException("unknown stage " + stage);
        }
        if (subject.process(frames.subList(0, 1)).get(0) instanceof List<?> found && found.isEmpty()) {
            throw new IllegalStateException(stage + " found nothing on the news frame at " + resolution);
        }
        slice1 = slice(frames.subList(0, 1));
        slice8 = slice(frames);
    }

    private OnnxModel bare(ModelStore store, String id, String file) {
        OnnxModel model = OnnxModel.load(id + " (bare)", store.file(id, file), OnnxModel.Options.DEFAULT);
        resources.add(model);
        return model;
    }

    private Runnable runOf(OnnxModel model, String input, OnnxTensor tensor) {
        resources.add(tensor);
        return () -> {
            try (OrtSession.Result result = model.run(java.util.Map.of(input, tensor))) {
                if (result.size() == 0) {
                    throw new IllegalStateException("no output");
                }
            }
        };
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        subject.close();
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
        resources.clear();
    }

    /**
     * How long one side runs before the other takes over: at least {@value #MIN_SLICE_MILLIS} ms,
     * and at least two of its calls (so a slow stage still alternates).
     */
    private long slice(List<ImageFrame> batch) {
        long start = System.nanoTime();
        subject.process(batch);
        return Math.max(TimeUnit.MILLISECONDS.toNanos(MIN_SLICE_MILLIS), 2 * (System.nanoTime() - start));
    }

    /**
     * The time each side took and the frames it processed, summed over the threads of one
     * measurement iteration (JMH reports them as secondary results: {@code stageNanos}, …).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Sides {
        /** Nanoseconds in the stage's calls. */
        public long stageNanos;
        /** Frames the stage processed. */
        public long stageFrames;
        /** Nanoseconds in bare ONNX Runtime's runs. */
        public long bareNanos;
        /** Frames bare ONNX Runtime processed. */
        public long bareFrames;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            stageNanos = 0;
            stageFrames = 0;
            bareNanos = 0;
            bareFrames = 0;
        }
    }

    /** One frame per call, the stage and bare ONNX Runtime taking turns. */
    @Benchmark
    @Threads(1)
    public Object batch1(Sides sides) {
        return alternate(sides, frames.subList(0, 1), oneFrame, slice1);
    }

    /** Eight frames per call, the stage and bare ONNX Runtime taking turns. */
    @Benchmark
    @Threads(1)
    public Object batch8(Sides sides) {
        return alternate(sides, frames, eightFrames, slice8);
    }

    /** One frame per call, one thread per core sharing the stage (or the bare session), taking turns together. */
    @Benchmark
    @Threads(Threads.MAX)
    public Object batch1AllCores(Sides sides) {
        return alternate(sides, frames.subList(0, 1), oneFrame, slice1);
    }

    /**
     * Runs the side whose turn it is on a clock all threads share: slices of {@code slice}
     * nanoseconds, even ones the stage's, odd ones bare ONNX Runtime's. Turns taken this close
     * together see the same machine, so a load that comes and goes on a shared host moves both
     * sides alike and cancels out of their ratio; a slice is long enough for each side to run
     * with its own data in the caches.
     */
    private Object alternate(Sides sides, List<ImageFrame> batch, List<Runnable> bare, long slice) {
        long start = System.nanoTime();
        if ((start / slice & 1) == 0) {
            Object out = subject.process(batch);
            sides.stageNanos += System.nanoTime() - start;
            sides.stageFrames += batch.size();
            return out;
        }
        bare.forEach(Runnable::run);
        sides.bareNanos += System.nanoTime() - start;
        sides.bareFrames += batch.size();
        return null;
    }
}
