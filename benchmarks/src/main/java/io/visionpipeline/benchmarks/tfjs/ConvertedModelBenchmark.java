package io.visionpipeline.benchmarks.tfjs;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Inference latency on CPU of each model converted from TF.js (one image, batch 1, one ONNX
 * Runtime intra-op thread as the stages use it), with {@code blazeface-short} (a model published
 * as ONNX, the face detector already in use) as the baseline measured in the same run: report each
 * model as a multiple of it. The input is messi5.jpg letterboxed into the model's input (256×256
 * for MultiPose, whose input size is free; whole pixel values for int32 inputs, [0, 1] otherwise);
 * only {@code session.run} and reading the outputs back are timed.
 *
 * <pre>
 * ./vp models fetch movenet-lightning movenet-thunder movenet-multipose nsfwjs-mobilenet-v2-mid nsfwjs-mobilenet-v2 mobileface faceres blazeface-short
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run ConvertedModelBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class ConvertedModelBenchmark {
    /** Input size used where a model leaves height and width free. */
    private static final int FREE_SIZE = 256;

    /** The model; {@code blazeface-short} is the baseline. */
    @Param({"blazeface-short", "movenet-lightning", "movenet-thunder", "movenet-multipose", "nsfwjs-mobilenet-v2-mid",
            "nsfwjs-mobilenet-v2", "mobileface", "faceres"})
    public String model;

    private OnnxModel onnx;
    private OnnxTensor input;
    private String inputName;

    /** Loads the model and prepares its input. */
    @Setup
    public void open() {
        Map<String, Path> files = ModelStore.defaults().files(model);
        onnx = OnnxModel.load(model, files.values().iterator().next(), OnnxModel.Options.DEFAULT);
        Map.Entry<String, NodeInfo> in = onnx.inputs().entrySet().iterator().next();
        inputName = in.getKey();
        TensorInfo info = (TensorInfo) in.getValue().getInfo();
        long[] shape = info.getShape().clone();
        shape[0] = 1;
        for (int d = 1; d < 3; d++) {
            shape[d] = shape[d] < 0 ? FREE_SIZE : shape[d];
        }
        ImageFrame frame = TestVideos.load(TestMedia.opencv("messi5.jpg"));
        int height = (int) shape[1];
        int width = (int) shape[2];
        float[] pixels = new float[height * width * 3];
        boolean integers = info.type == OnnxJavaType.INT32;
        Normalization norm = integers ? Normalization.RAW : Normalization.ZERO_TO_ONE;
        ImageTensors.pack(frame, Letterbox.fit(frame.width(), frame.height(), width, height), norm, TensorLayout.NHWC, pixels, 0);
        if (integers) {
            int[] ints = new int[pixels.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = Math.round(pixels[i]);
            }
            input = onnx.tensor(ints, shape);
        } else {
            input = onnx.tensor(pixels, shape);
        }
    }

    /** Releases the session and the input. */
    @TearDown
    public void close() {
        input.close();
        onnx.close();
    }

    /**
     * @param blackhole sink for the outputs
     */
    @Benchmark
    public void inference(Blackhole blackhole) {
        try (OrtSession.Result result = onnx.run(Map.of(inputName, input))) {
            result.forEach(output -> blackhole.consume(onnx.floats(result, output.getKey())));
        }
    }
}
