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
 * Single-input runs go through a direct buffer (and a float array) each thread keeps, and, for fixed-shape
 * outputs, into output tensors each thread keeps: every run must see its own values, whatever the sizes before
 * it, and what was read out of a result must stay as it was after later runs.
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
            float[] large = model.run("x", new long[] {1000}, values -> Arrays.fill(values, 0, 1000, 1f), out -> model.floats(out, "y"));
            assertThat(large).hasSize(1000).containsOnly(2f);
            float[] small = model.run("x", new long[] {2}, values -> {
                values[0] = 3;
                values[1] = 4;
            }, out -> model.floats(out, "y"));
            assertThat(small).containsExactly(6f, 8f);
        }
    }

    @Test
    void int32InputsTakeTheWrittenValuesRounded(@TempDir Path dir) throws Exception {
        try (OnnxModel model = doubling(dir, OnnxDataType.INT32)) {
            float[] doubled = model.runInt32("x", new long[] {3}, values -> {
                values[0] = 7.4f;
                values[1] = 254.6f;
                values[2] = 0;
            }, out -> model.floats(out, "y"));
            assertThat(doubled).containsExactly(14f, 510f, 0f);
        }
    }

    @Test
    void fixedShapeOutputsAreKeptPerThreadAndHoldEachRunsOwnValues(@TempDir Path dir) throws Exception {
        OnnxGraph g = OnnxGraph.create("doubling-fixed");
        String x = g.input("x", OnnxDataType.FLOAT, 4);
        g.output(g.op("Mul").input(x, g.initializer("two", TensorData.scalar(2))).output("y"), OnnxDataType.FLOAT, 4);
        Path file = dir.resolve("doubling-fixed.onnx");
        Files.write(file, g.toModelBytes());
        try (OnnxModel model = OnnxModel.load("doubling-fixed", file, OnnxModel.Options.DEFAULT)) {
            // threads run at once, each on its own kept outputs: every run reads back its own input doubled
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<Boolean>> runs = new java.util.ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    int thread = t;
                    runs.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            float v = thread * 1000 + i;
                            float[] out = model.run("x", new long[] {4}, values -> Arrays.fill(values, 0, 4, v), o -> model.floats(o, "y"));
                            if (!Arrays.equals(out, new float[] {2 * v, 2 * v, 2 * v, 2 * v})) {
                                return false;
                            }
                        }
                        return true;
                    }));
                }
                for (java.util.concurrent.Future<Boolean> run : runs) {
                    assertThat(run.get()).isTrue();
                }
            } finally {
                pool.shutdown();
            }
            // what a reader copied out stays as it was after later runs
            float[] first = model.run("x", new long[] {4}, values -> Arrays.fill(values, 0, 4, 1f), o -> model.floats(o, "y"));
            model.run("x", new long[] {4}, values -> Arrays.fill(values, 0, 4, 5f), o -> model.floats(o, "y"));
            assertThat(first).containsExactly(2f, 2f, 2f, 2f);
        }
    }
}
