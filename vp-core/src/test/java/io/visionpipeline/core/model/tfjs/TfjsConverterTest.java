package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;
import io.visionpipeline.testing.TinyTfjsModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.visionpipeline.testing.TinyTfjsModel.attrs;
import static io.visionpipeline.testing.TinyTfjsModel.ints;
import static io.visionpipeline.testing.TinyTfjsModel.s;
import static io.visionpipeline.testing.TinyTfjsModel.strings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfjsConverterTest {

    private static ObjectNode conv(String... fused) {
        ObjectNode a = attrs();
        a.set("strides", ints(1, 1, 1, 1));
        a.set("padding", s("SAME"));
        if (fused.length > 0) {
            a.set("fused_ops", strings(fused));
        }
        return a;
    }

    /** Three fused convolutions, a residual add with a per-channel constant, then a reshape. */
    private static Path convChain(Path dir) {
        float[] w = new float[3 * 3 * 2 * 2];
        java.util.Arrays.fill(w, 0.1f);
        return TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 1, 8, 8, 2)
                .constant("w", TensorData.floats(new long[] {3, 3, 2, 2}, w))
                .constant("b", TensorData.floats(new long[] {2}, 0.5f, -0.5f))
                .constant("scale", TensorData.floats(new long[] {2}, 2f, 3f))
                .constant("flat", TensorData.ints(new long[] {2}, 1, -1))
                .node("c1", "_FusedConv2D", conv("BiasAdd", "Relu"), "x", "w", "b")
                .node("c2", "_FusedConv2D", conv("BiasAdd", "Relu6"), "c1", "w", "b")
                .node("sum", "AddV2", attrs(), "c1", "c2")
                .node("scaled", "Mul", attrs(), "sum", "scale")
                .node("c3", "Conv2D", conv(), "scaled", "w")
                .node("out", "Reshape", attrs(), "c3", "flat")
                .output("out")
                .write(dir);
    }

    @Test
    void convolutionChainsAreTransposedOnlyWhereTheyStartAndEnd(@TempDir Path dir) {
        OnnxGraph graph = TfjsConverter.toOnnx(convChain(dir));
        assertThat(graph.opCounts()).containsEntry("Conv", 3).containsEntry("Transpose", 2).containsEntry("Clip", 1);
        // the per-channel constant was permuted at conversion time, not transposed at run time
        assertThat(graph.initializers()).containsKey("scale/nchw");
        assertThat(graph.initializers().get("scale/nchw").shape()).containsExactly(2, 1, 1);
    }

    @Test
    void theSameModelAlwaysConvertsToTheSameBytes(@TempDir Path dir) {
        Path model = convChain(dir);
        assertThat(TfjsConverter.toOnnx(model).toModelBytes()).isEqualTo(TfjsConverter.toOnnx(model).toModelBytes());
    }

    @Test
    void anUnsupportedOpIsNamedWithItsNode(@TempDir Path dir) {
        Path model = TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 1, 4)
                .node("mystery/node", "FancyNewOp", attrs(), "x")
                .output("mystery/node")
                .write(dir);
        assertThatThrownBy(() -> TfjsConverter.toOnnx(model))
                .isInstanceOf(TfjsImportException.class)
                .hasMessageContaining("'FancyNewOp'").hasMessageContaining("'mystery/node'").hasMessageContaining("model.json");
    }

    @Test
    void anUnsupportedFusedSequenceIsNamed(@TempDir Path dir) {
        Path model = TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 1, 4, 4, 2)
                .constant("w", TensorData.floats(new long[] {1, 1, 2, 2}, 1, 0, 0, 1))
                .constant("s", TensorData.floats(new long[] {2}, 1, 1))
                .node("bn", "_FusedConv2D", conv("FusedBatchNorm", "Relu"), "x", "w", "s", "s", "s", "s")
                .output("bn")
                .write(dir);
        assertThatThrownBy(() -> TfjsConverter.toOnnx(model))
                .isInstanceOf(TfjsImportException.class)
                .hasMessageContaining("'bn'").hasMessageContaining("[FusedBatchNorm, Relu]");
    }

    @Test
    void aFilterComputedAtRunTimeIsRefusedByName(@TempDir Path dir) {
        Path model = TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 1, 4, 4, 1)
                .placeholder("f", "DT_FLOAT", 1, 1, 1, 1)
                .node("conv", "Conv2D", conv(), "x", "f")
                .output("conv")
                .write(dir);
        assertThatThrownBy(() -> TfjsConverter.toOnnx(model))
                .isInstanceOf(TfjsImportException.class).hasMessageContaining("'conv'").hasMessageContaining("the filter must be a constant");
    }

    @Test
    void aMalformedAttributeIsAnImportErrorNamingTheFile(@TempDir Path dir) throws java.io.IOException {
        Path model = TinyTfjsModel.create()
                .placeholder("x", "DT_FLOAT", 1, 4)
                .node("y", "Relu", attrs(), "x")
                .output("y")
                .write(dir);
        java.nio.file.Files.writeString(model, java.nio.file.Files.readString(model).replace("\"size\" : \"4\"", "\"size\" : \"four\""));
        assertThatThrownBy(() -> TfjsConverter.toOnnx(model))
                .isInstanceOf(TfjsImportException.class).hasMessageContaining(model.toString()).hasMessageContaining("four");
    }

    @Test
    void listsTheOpsOfTheImportedModels() {
        assertThat(TfjsConverter.supportedOps()).contains("_FusedConv2D", "FusedDepthwiseConv2dNative", "_FusedMatMul",
                "ResizeBilinear", "StridedSlice", "TopKV2", "GatherNd", "FusedBatchNormV3");
    }
}
