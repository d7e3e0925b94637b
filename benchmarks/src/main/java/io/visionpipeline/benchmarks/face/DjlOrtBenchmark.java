package io.visionpipeline.benchmarks.face;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceModel;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The same BlazeFace model and the same input tensor, run through DJL's ONNX Runtime engine and
 * through ONNX Runtime's Java API directly (what {@code cpu.onnx.OnnxModel} does), reading all
 * four outputs back as float arrays. The difference is the cost DJL adds per inference; it decides
 * that VisionPipeline's stages use ORT directly.
 *
 * <pre>
 * mvn -q -B package -DskipTests &amp;&amp; benchmarks/run DjlOrtBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Doffline=true")
public class DjlOrtBenchmark {
    private static final String[] OUTPUTS = {"Identity:0", "Identity_1:0", "Identity_2:0", "Identity_3:0"};

    private float[] input;
    private OnnxModel ort;
    private ZooModel<NDList, NDList> djlModel;
    private Predictor<NDList, NDList> djl;

    /**
     * Loads the model both ways and packs astronaut.png into the 128×128 input once.
     *
     * @throws Exception when DJL cannot load the model
     */
    @Setup
    public void setUp() throws Exception {
        BlazeFaceModel variant = BlazeFaceModel.SHORT;
        Path file = ModelStore.defaults().file(variant.modelId(), variant.fileName());
        ImageFrame frame = TestVideos.load(TestMedia.skimage("astronaut.png"));
        input = new float[128 * 128 * 3];
        ImageTensors.pack(frame, Letterbox.fit(frame.width(), frame.height(), 128, 128), Normalization.MINUS_ONE_TO_ONE,
                TensorLayout.NHWC, input, 0);
        // DJL first: it insists on creating the process-wide ORT environment itself
        djlModel = Criteria.builder().setTypes(NDList.class, NDList.class).optModelPath(file).optEngine("OnnxRuntime").build().loadModel();
        djl = djlModel.newPredictor();
        ort = OnnxModel.load(variant.modelId(), file, OnnxModel.Options.DEFAULT);
    }

    /** Closes both. */
    @TearDown
    public void tearDown() {
        djl.close();
        djlModel.close();
        ort.close();
    }

    /** @return the sum of the outputs' lengths, so nothing is optimised away */
    @Benchmark
    public int onnxRuntimeDirect() {
        int n = 0;
        try (OnnxTensor tensor = ort.tensor(input, new long[] {1, 128, 128, 3});
             OrtSession.Result result = ort.run(Map.of("input:0", tensor))) {
            for (String output : OUTPUTS) {
                n += ort.floats(result, output).length;
            }
        }
        return n;
    }

    /**
     * @return the sum of the outputs' lengths
     * @throws Exception when DJL fails
     */
    @Benchmark
    public int djlOnnxRuntimeEngine() throws Exception {
        int n = 0;
        try (NDManager manager = djlModel.getNDManager().newSubManager()) {
            NDArray array = manager.create(input, new Shape(1, 128, 128, 3));
            array.setName("input:0");
            NDList out = djl.predict(new NDList(array));
            for (NDArray a : out) {
                n += a.toFloatArray().length;
            }
        }
        return n;
    }
}
