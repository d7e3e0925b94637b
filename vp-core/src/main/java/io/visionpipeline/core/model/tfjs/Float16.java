package io.visionpipeline.core.model.tfjs;

/** IEEE 754 half precision to single precision, exact (subnormals, infinities and NaN included). */
final class Float16 {
    private Float16() {
    }

    /**
     * @param half the 16 bits of a half-precision value
     * @return the same value as a float
     */
    static float toFloat(int half) {
        int sign = (half & 0x8000) << 16;
        int exponent = (half >>> 10) & 0x1F;
        int mantissa = half & 0x3FF;
        if (exponent == 0x1F) {
            return Float.intBitsToFloat(sign | 0x7F800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            if (mantissa == 0) {
                return Float.intBitsToFloat(sign);
            }
            int e = 113;
            while ((mantissa & 0x400) == 0) {
                mantissa <<= 1;
                e--;
            }
            return Float.intBitsToFloat(sign | (e << 23) | ((mantissa & 0x3FF) << 13));
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
