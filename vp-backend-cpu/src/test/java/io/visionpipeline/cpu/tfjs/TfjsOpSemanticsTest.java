package io.visionpipeline.cpu.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionpipeline.core.model.tfjs.TfjsConverter;
import io.visionpipeline.core.onnx.TensorData;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.testing.TinyTfjsModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.IntBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static io.visionpipeline.testing.TinyTfjsModel.attrs;
import static io.visionpipeline.testing.TinyTfjsModel.i;
import static io.visionpipeline.testing.TinyTfjsModel.type;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * TensorFlow semantics that ONNX spells differently, checked by converting tiny TF.js models and
 * running them under ONNX Runtime against values worked out by hand.
 */
class TfjsOpSemanticsTest {
    @TempDir
    Path dir;

    private OnnxModel convert(TinyTfjsModel model) throws IOException {
        Path onnx = dir.resolve("model.onnx");
        Files.write(onnx, TfjsConverter.toOnnx(model.write(dir.resolve("tfjs"))).toModelBytes());
        return OnnxModel.load("tiny", onnx, OnnxModel.Options.DEFAULT);
    }

    private static ObjectNode with(String name, ObjectNode value) {
        ObjectNode a = attrs();
        a.set(name, value);
        return a;
    }

    @Test
    void floorDivisionRoundsTowardMinusInfinityForIntegersAndFloats() throws Exception {
        TinyTfjsModel model = TinyTfjsModel.create()
                .placeholder("a", "DT_INT32", 5)
                .constant("two", TensorData.ints(new long[0], 2))
                .constant("twoF", TensorData.floats(new long[0], 2))
                .node("q", "FloorDiv", attrs(), "a", "two")
                .node("af", "Cast", with("DstT", type("DT_FLOAT")), "a")
                .node("qf", "FloorDiv", attrs(), "af", "twoF")
                .output("q").output("qf");
        try (OnnxModel onnx = convert(model);
             OnnxTensor a = OnnxTensor.createTensor(OnnxRuntime.environment(), IntBuffer.wrap(new int[] {-7, 7, -1, 0, -8}), new long[] {5});
             OrtSession.Result r = onnx.run(Map.of("a", a))) {
            assertThat(((OnnxTensor) r.get("q").orElseThrow()).getIntBuffer().array()).containsExactly(-4, 3, -1, 0, -4);
            assertThat(onnx.floats(r, "qf")).containsExactly(-4, 3, -1, 0, -4);
        }
    }

    @Test
    void stridedSliceHonoursShrinkNewAxisAndNegativeStrides() throws Exception {
        float[] values = new float[24];
        for (int k = 0; k < values.length; k++) {
            values[k] = k;
        }
        ObjectNode lastRowOddColumns = attrs();
        lastRowOddColumns.set("begin_mask", i(1));
        lastRowOddColumns.set("end_mask", i(5));
        lastRowOddColumns.set("shrink_axis_mask", i(2));
        ObjectNode reversedWithNewAxis = attrs();
        reversedWithNewAxis.set("begin_mask", i(1));
        reversedWithNewAxis.set("end_mask", i(1));
        reversedWithNewAxis.set("new_axis_mask", i(2));
        reversedWithNewAxis.set("shrink_axis_mask", i(4));
        TinyTfjsModel model = TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 2, 3, 4)
                .constant("b1", TensorData.ints(new long[] {3}, 0, -1, 1))
                .constant("e1", TensorData.ints(new long[] {3}, 0, 0, 0))
                .constant("s1", TensorData.ints(new long[] {3}, 1, 1, 2))
                .constant("b2", TensorData.ints(new long[] {3}, 0, 0, 0))
                .constant("e2", TensorData.ints(new long[] {3}, 0, 0, 1))
                .constant("s2", TensorData.ints(new long[] {3}, -1, 1, 1))
                .node("odd", "StridedSlice", lastRowOddColumns, "x", "b1", "e1", "s1")        // x[:, -1, 1::2]
                .node("flipped", "StridedSlice", reversedWithNewAxis, "x", "b2", "e2", "s2")  // x[::-1, newaxis, 0]
                .output("odd").output("flipped");
        try (OnnxModel onnx = convert(model);
             OnnxTensor x = onnx.tensor(values, new long[] {2, 3, 4});
             OrtSession.Result r = onnx.run(Map.of("x", x))) {
            assertThat(((OnnxTensor) r.get("odd").orElseThrow()).getInfo().getShape()).containsExactly(2, 2);
            assertThat(onnx.floats(r, "odd")).containsExactly(9, 11, 21, 23);
            assertThat(((OnnxTensor) r.get("flipped").orElseThrow()).getInfo().getShape()).containsExactly(2, 1, 4);
            assertThat(onnx.floats(r, "flipped")).containsExactly(12, 13, 14, 15, 0, 1, 2, 3);
        }
    }

    @Test
    void selectWithAVectorConditionPicksWholeRows() throws Exception {
        TinyTfjsModel model = TinyTfjsModel.create()
                .placeholder("which", "DT_FLOAT", 2)
                .placeholder("t", "DT_FLOAT", 2, 3)
                .placeholder("e", "DT_FLOAT", 2, 3)
                .constant("zero", TensorData.floats(new long[0], 0))
                .node("cond", "Greater", attrs(), "which", "zero")
                .node("picked", "Select", attrs(), "cond", "t", "e")
                .output("picked");
        try (OnnxModel onnx = convert(model);
             OnnxTensor which = onnx.tensor(new float[] {1, -1}, new long[] {2});
             OnnxTensor t = onnx.tensor(new float[] {1, 2, 3, 4, 5, 6}, new long[] {2, 3});
             OnnxTensor e = onnx.tensor(new float[] {-1, -2, -3, -4, -5, -6}, new long[] {2, 3});
             OrtSession.Result r = onnx.run(Map.of("which", which, "t", t, "e", e))) {
            assertThat(onnx.floats(r, "picked")).containsExactly(1, 2, 3, -4, -5, -6);
        }
    }

    @Test
    void sigmoidKeepsTheTinyValuesTfjsComputes() throws Exception {
        TinyTfjsModel model = TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 7)
                .node("y", "Sigmoid", attrs(), "x")
                .output("y");
        float[] x = {-100, -30, -18.5f, -1, 0, 2, 30};
        try (OnnxModel onnx = convert(model);
             OnnxTensor in = onnx.tensor(x, new long[] {x.length});
             OrtSession.Result r = onnx.run(Map.of("x", in))) {
            float[] y = onnx.floats(r, "y");
            for (int k = 0; k < x.length; k++) {
                // TF.js: 1 / (1 + Math.exp(-x)) in double, stored as float32 (-100 gives a subnormal float)
                float tfjs = (float) (1 / (1 + Math.exp(-x[k])));
                assertThat(y[k]).as("sigmoid(%s)", x[k]).isCloseTo(tfjs, within(Math.max(2 * Math.ulp(tfjs), tfjs * 1e-6f)));
            }
        }
    }

    @Test
    void aSequentialKerasModelConvertsLikeKerasComputesIt() throws IOException, OrtException {
        Path tfjs = Files.createDirectories(dir.resolve("keras"));
        // Sequential: GlobalAveragePooling2D over a 2x2x2 input, then Dense(2, relu) with kernel [[1, -1], [2, 1]] and bias [0.5, 0]
        Files.writeString(tfjs.resolve("model.json"), """
                {"modelTopology": {"class_name": "Sequential", "config": {"name": "tiny", "layers": [
                   {"class_name": "GlobalAveragePooling2D", "config": {"name": "pool", "batch_input_shape": [null, 2, 2, 2], "data_format": "channels_last"}},
                   {"class_name": "Dense", "config": {"name": "dense", "units": 2, "activation": "relu", "use_bias": true}}]}},
                 "weightsManifest": [{"paths": ["weights.bin"], "weights": [
                   {"name": "dense/kernel", "shape": [2, 2], "dtype": "float32"},
                   {"name": "dense/bias", "shape": [2], "dtype": "float32"}]}]}
                """);
        Files.write(tfjs.resolve("weights.bin"), TensorData.floats(new long[] {6}, 1, -1, 2, 1, 0.5f, 0).bytes());
        Path onnxFile = dir.resolve("keras.onnx");
        Files.write(onnxFile, TfjsConverter.toOnnx(tfjs.resolve("model.json")).toModelBytes());
        try (OnnxModel onnx = OnnxModel.load("keras", onnxFile, OnnxModel.Options.DEFAULT);
             // channel 0: 1, 2, 3, 4 (mean 2.5); channel 1: 0, 0, 0, 4 (mean 1)
             OnnxTensor x = onnx.tensor(new float[] {1, 0, 2, 0, 3, 0, 4, 4}, new long[] {1, 2, 2, 2});
             OrtSession.Result r = onnx.run(Map.of("pool_input", x))) {
            // [2.5, 1] x kernel + bias = [2.5 + 2 + 0.5, -2.5 + 1 + 0] = [5, -1.5] -> relu [5, 0]
            assertThat(onnx.floats(r, "dense")).containsExactly(5f, 0f);
        }
    }
}
