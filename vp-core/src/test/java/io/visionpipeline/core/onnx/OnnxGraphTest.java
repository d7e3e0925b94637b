package io.visionpipeline.core.onnx;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxGraphTest {

    private static OnnxGraph tinyGraph() {
        OnnxGraph g = OnnxGraph.create("tiny").metadata("source", "test");
        String x = g.input("x", OnnxDataType.FLOAT, -1, 3);
        String w = g.initializer("w", TensorData.floats(new long[] {3, 2}, 1, 2, 3, 4, 5, 6));
        String y = g.op("MatMul").name("proj").input(x, w).output();
        g.output(g.op("Relu").input(y).output("y"), OnnxDataType.FLOAT, -1, 2);
        return g;
    }

    @Test
    void theSameGraphAlwaysGivesTheSameBytes() {
        assertThat(tinyGraph().toModelBytes()).isEqualTo(tinyGraph().toModelBytes());
    }

    @Test
    void writesAModelProtoStartingWithItsIrVersion() {
        byte[] bytes = tinyGraph().toModelBytes();
        // field 1 (ir_version), varint wire type: tag 0x08, then the version
        assertThat(bytes[0]).isEqualTo((byte) 0x08);
        assertThat(bytes[1]).isEqualTo((byte) OnnxGraph.IR_VERSION);
    }

    @Test
    void generatedNamesAreUniqueAndAvoidReservedOnes() {
        OnnxGraph g = OnnxGraph.create("names").reserve("out");
        String x = g.input("x", OnnxDataType.FLOAT, 2);
        String a = g.op("Relu").name("out").input(x).output();
        String b = g.op("Relu").name("out").input(a).output();
        assertThat(a).isEqualTo("out_1");
        assertThat(b).isEqualTo("out_2");
        assertThat(g.op("Identity").input(b).output("out")).isEqualTo("out");
        assertThat(g.opCounts()).containsEntry("Relu", 2).containsEntry("Identity", 1);
    }

    @Test
    void rejectsANodeReadingAValueTheGraphDoesNotHave() {
        OnnxGraph g = OnnxGraph.create("broken");
        assertThatThrownBy(() -> g.op("Relu").input("missing"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'broken'").hasMessageContaining("'missing'");
    }

    @Test
    void rejectsTwoValuesWithOneName() {
        OnnxGraph g = OnnxGraph.create("dup");
        g.input("x", OnnxDataType.FLOAT, 1);
        assertThatThrownBy(() -> g.input("x", OnnxDataType.FLOAT, 1)).hasMessageContaining("already has a value named 'x'");
    }

    @Test
    void aGraphWithoutOutputsCannotBeWritten() {
        OnnxGraph g = OnnxGraph.create("empty");
        g.input("x", OnnxDataType.FLOAT, 1);
        assertThatThrownBy(g::toModelBytes).isInstanceOf(IllegalStateException.class).hasMessageContaining("no output");
    }

    @Test
    void anAttributeCanBeSetOnlyOnce() {
        OnnxGraph g = OnnxGraph.create("attrs");
        String x = g.input("x", OnnxDataType.FLOAT, 1);
        assertThatThrownBy(() -> g.op("LeakyRelu").input(x).attr("alpha", 0.1f).attr("alpha", 0.2f))
                .hasMessageContaining("'alpha' set twice");
    }
}
