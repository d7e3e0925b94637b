package io.visionpipeline.core.model.tfjs;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class Float16Test {

    @Test
    void widensEveryHalfPrecisionValueExactly() {
        for (int h = 0; h < 0x10000; h++) {
            int sign = h >> 15;
            int exponent = (h >> 10) & 0x1F;
            int mantissa = h & 0x3FF;
            float expected;
            if (exponent == 0x1F && mantissa != 0) {
                // NaN keeps its sign and payload, as TF.js's table decoder does
                assertThat(Float.floatToRawIntBits(Float16.toFloat(h))).isEqualTo(sign << 31 | 0x7F800000 | mantissa << 13);
                continue;
            } else if (exponent == 0x1F) {
                expected = Float.POSITIVE_INFINITY;
            } else if (exponent == 0) {
                expected = (float) Math.scalb(mantissa / 1024.0, -14);
            } else {
                expected = (float) Math.scalb(1 + mantissa / 1024.0, exponent - 15);
            }
            expected = sign == 1 ? -expected : expected;
            assertThat(Float16.toFloat(h)).as("half 0x%04x", h).isEqualTo(expected);
        }
    }

    @Test
    void keepsTheSignOfZero() {
        assertThat(Float.floatToRawIntBits(Float16.toFloat(0x8000))).isEqualTo(0x80000000);
    }
}
