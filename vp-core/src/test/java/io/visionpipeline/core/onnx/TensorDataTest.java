package io.visionpipeline.core.onnx;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TensorDataTest {

    @Test
    void transposesAMatrix() {
        TensorData t = TensorData.floats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6).transpose(1, 0);
        assertThat(t.shape()).containsExactly(3, 2);
        assertThat(t.toFloats()).containsExactly(1, 4, 2, 5, 3, 6);
    }

    @Test
    void transposesAConvolutionFilterFromHwioToOihw() {
        long[] hwio = {2, 3, 4, 5};
        float[] values = new float[2 * 3 * 4 * 5];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        TensorData oihw = TensorData.floats(hwio, values).transpose(3, 2, 0, 1);
        assertThat(oihw.shape()).containsExactly(5, 4, 2, 3);
        float[] out = oihw.toFloats();
        for (int o = 0; o < 5; o++) {
            for (int i = 0; i < 4; i++) {
                for (int h = 0; h < 2; h++) {
                    for (int w = 0; w < 3; w++) {
                        assertThat(out[((o * 4 + i) * 2 + h) * 3 + w]).isEqualTo(values[((h * 3 + w) * 4 + i) * 5 + o]);
                    }
                }
            }
        }
    }

    @Test
    void readsIntegersOfEitherWidthAsLongs() {
        assertThat(TensorData.ints(new long[] {3}, 1, -2, 3).toLongs()).containsExactly(1, -2, 3);
        assertThat(TensorData.vector(7, 8).toIntegerType(OnnxDataType.INT32).toLongs()).containsExactly(7, 8);
    }

    @Test
    void rejectsAShapeThatDoesNotFitTheData() {
        assertThatThrownBy(() -> TensorData.floats(new long[] {2, 2}, 1, 2, 3)).hasMessageContaining("needs 16 bytes, not 12");
        assertThatThrownBy(() -> TensorData.vector(1, 2, 3).reshape(2, 2)).hasMessageContaining("cannot reshape");
        assertThatThrownBy(() -> TensorData.vector(1, 2).transpose(0, 0)).hasMessageContaining("does not fit rank");
    }
}
