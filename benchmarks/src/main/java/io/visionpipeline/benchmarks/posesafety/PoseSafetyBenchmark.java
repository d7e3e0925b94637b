package io.visionpipeline.benchmarks.posesafety;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.benchmarks.BareInputs;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.clip.ClipEmbedderProvider;
import io.visionpipeline.cpu.clip.ClipModel;
import io.visionpipeline.cpu.clip.ClipSafetyProvider;
import io.visionpipeline.cpu.clip.ClipTokenizer;
import io.visionpipeline.cpu.clip.TinyClip;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.pose.MoveNetEstimator;
import io.visionpipeline.cpu.pose.MoveNetModel;
import io.visionpipeline.cpu.safety.NsfwjsClassifier;
import io.visionpipeline.cpu.safety.NsfwjsModel;
import io.visionpipeline.cpu.safety.NsfwjsResize;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Frames per second of the pose and nsfw stages on messi5.jpg (548×342), a batch of 1 and of 8
 * frames per call, one thread, one ONNX Runtime intra-op thread (as in the pipeline). Baseline,
 * in the same run: bare ONNX Runtime on the stage's input tensors, prepared beforehand (so the
 * difference is the stage's pre- and post-processing and, for batches, what batching saves):
 *
 * <ul>
 *   <li>{@code movenet-multipose}: one int32 [1, 192, 256, 3] run per frame (the model takes one image per run);</li>
 *   <li>{@code movenet-thunder}: two [1, 256, 256, 3] runs per frame (the whole frame, then the person's crop);</li>
 *   <li>{@code nsfwjs}: one float [B, 224, 224, 3] run per batch;</li>
 *   <li>{@code clip-tiny}: the {@code clip} NSFW head on a tiny generated CLIP-shaped model (no CLIP weights can be
 *       had here): what the CLIP path costs around the model (Pillow-exact resize, tensor packing, zero-shot);
 *       baseline one float [B, 3, 224, 224] run of its image tower.</li>
 * </ul>
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am
 * benchmarks/run PoseSafetyBenchmark -f 1 -wi 2 -i 3 -w 3s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class PoseSafetyBenchmark {
    private static final int BATCH = 8;

    @Param({"movenet-multipose", "movenet-thunder", "nsfwjs", "clip-tiny"})
    public String stage;

    private FrameStage<?> subject;
    private OnnxModel bare;
    private Map<String, OnnxTensor> one;
    private Map<String, OnnxTensor> eight;
    private int runsPerFrame;
    private boolean batched;
    private List<ImageFrame> frames;
    private Path tinyClip;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        ImageFrame messi = TestVideos.load(TestMedia.opencv("messi5.jpg"));
        frames = Collections.nCopies(BATCH, messi);
        ModelStore store = ModelStore.builder().allowDownloads(true).build();
        switch (stage) {
            case "movenet-multipose" -> {
                subject = MoveNetEstimator.open(MoveNetModel.MULTIPOSE, store, 6, MoveNetEstimator.DEFAULT_MIN_POSE_SCORE, 256, OnnxModel.Options.DEFAULT);
                bare = OnnxModel.load("multipose", store.file("movenet-multipose", "movenet-multipose.onnx"), OnnxModel.Options.DEFAULT);
                one = Map.of("input", ints(messi, MoveNetEstimator.multiPoseBox(messi.width(), messi.height(), 256)));
                runsPerFrame = 1;
            }
            case "movenet-thunder" -> {
                subject = MoveNetEstimator.open(MoveNetModel.THUNDER, store, 1, MoveNetEstimator.DEFAULT_MIN_POSE_SCORE, 256, OnnxModel.Options.DEFAULT);
                bare = OnnxModel.load("thunder", store.file("movenet-thunder", "movenet-thunder.onnx"), OnnxModel.Options.DEFAULT);
                one = Map.of("input", ints(messi, Letterbox.fit(messi.width(), messi.height(), 256, 256)));
                runsPerFrame = 2;
            }
            case "nsfwjs" -> {
                subject = NsfwjsClassifier.open(NsfwjsModel.MOBILENET_V2, NsfwjsResize.LETTERBOX, store, 0.5, BATCH, OnnxModel.Options.DEFAULT);
                bare = OnnxModel.load("nsfwjs", store.file("nsfwjs-mobilenet-v2", "nsfwjs-mobilenet-v2.onnx"), OnnxModel.Options.DEFAULT);
                one = Map.of("input_1", floats(messi, 1, 224, TensorLayout.NHWC));
                eight = Map.of("input_1", floats(messi, BATCH, 224, TensorLayout.NHWC));
                batched = true;
            }
            case "clip-tiny" -> {
                tinyClip = Files.createTempDirectory("bench-tiny-clip");
                TinyClip.write(tinyClip, ClipTokenizer.fromOpenAiMerges(store.file(ClipModel.VOCAB_MODEL, "bpe_simple_vocab_16e6.js")), false);
                subject = new ClipSafetyProvider().create(StageOptions.of("model", tinyClip.toString()));
                bare = OnnxModel.load("tiny clip vision", tinyClip.resolve("vision_model.onnx"), OnnxModel.Options.DEFAULT);
                one = Map.of("pixel_values", floats(messi, 1, 224, TensorLayout.NCHW));
                eight = Map.of("pixel_values", floats(messi, BATCH, 224, TensorLayout.NCHW));
                batched = true;
            }
            default -> throw new IllegalArgumentException("unknown stage " + stage + " (" + ClipEmbedderProvider.MODEL_ID + ")");
        }
    }

    private OnnxTensor ints(ImageFrame frame, Letterbox box) {
        return BareInputs.ints(bare, frame, box);
    }

    private OnnxTensor floats(ImageFrame frame, int batch, int side, TensorLayout layout) {
        return BareInputs.floats(bare, Collections.nCopies(batch, frame), Letterbox.fit(frame.width(), frame.height(), side, side),
                Normalization.ZERO_TO_ONE, layout);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        subject.close();
        bare.close();
        one.values().forEach(OnnxTensor::close);
        if (eight != null) {
            eight.values().forEach(OnnxTensor::close);
        }
        if (tinyClip != null) {
            try (var files = Files.walk(tinyClip)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** The stage, one frame per call. */
    @Benchmark
    public Object stageBatch1() {
        return subject.process(frames.subList(0, 1));
    }

    /** The stage, eight frames per call. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Object stageBatch8() {
        return subject.process(frames);
    }

    /** Baseline: bare ONNX Runtime, one frame's runs. */
    @Benchmark
    public void bareOrtBatch1(Blackhole bh) {
        for (int r = 0; r < Math.max(1, runsPerFrame); r++) {
            run(one, bh);
        }
    }

    /** Baseline: bare ONNX Runtime, eight frames' runs (one batched run where the model takes batches). */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void bareOrtBatch8(Blackhole bh) {
        if (batched) {
            run(eight, bh);
        } else {
            for (int i = 0; i < BATCH * runsPerFrame; i++) {
                run(one, bh);
            }
        }
    }

    private void run(Map<String, OnnxTensor> inputs, Blackhole bh) {
        try (OrtSession.Result result = bare.run(inputs)) {
            bh.consume(result.get(0));
        }
    }
}
