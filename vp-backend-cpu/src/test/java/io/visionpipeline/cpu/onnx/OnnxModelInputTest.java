package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Single-input runs go through a direct buffer each thread keeps: every run must see its own
 * values, whatever the sizes before it, and a result must stay readable after later runs.
 */
class OnnxModelInputTest {

    private static OnnxModel doubling(Path dir, OnnxDataType type) throws Exception {
        OnnxGraph g = OnnxGraph.create("doubling");
        String x = g.input("x", type, -1);
        String asFloat = type == OnnxDataType.FLOAT ? x : g.op("Cast").input(x).attr("to", 1).output();
        String y = g.op("Mul").input(asFloat, g.initializer("two", TensorData.scalar(2))).output("y");
        g.output(y, OnnxDataType.FLOAT, -1);
        Path file = dir.resolve("doubling-" + type + ".onnx");
        Files.write(file, g.toModelBytes());
        return OnnxModel.load("doubling", file, OnnxModel.Options.DEFAULT);
    }

    @Test
    void eachRunSeesItsOwnFloatsWhateverTheSizesBefore(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.FLOAT)) {
            float[] small = {1, 2, 3};
            float[] large = new float[100_000];
            for (int i = 0; i < large.length; i++) {
                large[i] = i;
            }
            try (OrtSession.Result first = model.run("x", small, new long[] {3})) {
                float[] firstOut = model.floats(first, "y");
                try (OrtSession.Result second = model.run("x", large, new long[] {large.length})) {
                    float[] out = model.floats(second, "y");
                    assertThat(out[99_999]).isEqualTo(199_998f);
                    assertThat(out[1]).isEqualTo(2f);
                }
                try (OrtSession.Result third = model.run("x", new float[] {5}, new long[] {1})) {
                    assertThat(model.floats(third, "y")).containsExactly(10f);
                }
                assertThat(model.floats(first, "y")).containsExactly(firstOut).containsExactly(2f, 4f, 6f);
            }
        }
    }

    @Test
    void intInputsRunTheSameWay(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.INT32);
             OrtSession.Result result = model.run("x", new int[] {7, 255, 0}, new long[] {3})) {
            assertThat(model.floats(result, "y")).containsExactly(14f, 510f, 0f);
        }
    }
}
