package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Single-input runs go through a direct buffer (and a float array) each thread keeps: every run must see its own
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
    void readsOnlyAsManyValuesAsTheShapeHoldsFromALargerArray(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.FLOAT);
             OrtSession.Result result = model.run("x", new float[] {1, 2, 3, 99, 99}, new long[] {3})) {
            assertThat(model.floats(result, "y")).containsExactly(2f, 4f, 6f);
        }
    }

    @Test
    void refusesAnArrayShorterThanTheShape(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.FLOAT)) {
            assertThatThrownBy(() -> model.run("x", new float[] {1, 2}, new long[] {3}))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("doubling").hasMessageContaining("needs 3 values, got 2");
        }
    }

    @Test
    void writtenInputsRunFromThisThreadsArray(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.FLOAT)) {
            try (OrtSession.Result large = model.run("x", new long[] {1000}, values -> Arrays.fill(values, 0, 1000, 1f))) {
                assertThat(model.floats(large, "y")).hasSize(1000).containsOnly(2f);
            }
            try (OrtSession.Result small = model.run("x", new long[] {2}, values -> {
                values[0] = 3;
                values[1] = 4;
            })) {
                assertThat(model.floats(small, "y")).containsExactly(6f, 8f);
            }
        }
    }

    @Test
    void int32InputsTakeTheWrittenValuesRounded(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.INT32);
             OrtSession.Result result = model.runInt32("x", new long[] {3}, values -> {
                 values[0] = 7.4f;
                 values[1] = 254.6f;
                 values[2] = 0;
             })) {
            assertThat(model.floats(result, "y")).containsExactly(14f, 510f, 0f);
        }
    }
}
