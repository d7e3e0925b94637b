package io.visionpipeline.core.index;

import io.visionpipeline.index.Metric;

/**
 * The scoring loops of the exact index, written for the JIT: eight independent accumulators so
 * the CPU can keep eight multiply-adds in flight (a single-accumulator loop is bound by the
 * latency of each add and runs about twice as slowly on 384-d vectors). Scores are "higher is
 * closer" for every {@link Metric}.
 */
public final class VectorMath {
    private VectorMath() {
    }

    /**
     * @param a    first array
     * @param aOff offset of the first vector in it
     * @param b    second array
     * @param bOff offset of the second vector in it
     * @param n    vector length
     * @return the dot product
     */
    public static float dot(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (int end = n - 7; i < end; i += 8) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
            s4 += a[aOff + i + 4] * b[bOff + i + 4];
            s5 += a[aOff + i + 5] * b[bOff + i + 5];
            s6 += a[aOff + i + 6] * b[bOff + i + 6];
            s7 += a[aOff + i + 7] * b[bOff + i + 7];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * @param a    first array
     * @param aOff offset of the first vector in it
     * @param b    second array
     * @param bOff offset of the second vector in it
     * @param n    vector length
     * @return the squared Euclidean distance
     */
    public static float squaredDistance(float[] a, int aOff, float[] b, int bOff, int n) {
        float s0 = 0;
        float s1 = 0;
        float s2 = 0;
        float s3 = 0;
        float s4 = 0;
        float s5 = 0;
        float s6 = 0;
        float s7 = 0;
        int i = 0;
        for (int end = n - 7; i < end; i += 8) {
            float d0 = a[aOff + i] - b[bOff + i];
            float d1 = a[aOff + i + 1] - b[bOff + i + 1];
            float d2 = a[aOff + i + 2] - b[bOff + i + 2];
            float d3 = a[aOff + i + 3] - b[bOff + i + 3];
            float d4 = a[aOff + i + 4] - b[bOff + i + 4];
            float d5 = a[aOff + i + 5] - b[bOff + i + 5];
            float d6 = a[aOff + i + 6] - b[bOff + i + 6];
            float d7 = a[aOff + i + 7] - b[bOff + i + 7];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
            s4 += d4 * d4;
            s5 += d5 * d5;
            s6 += d6 * d6;
            s7 += d7 * d7;
        }
        for (; i < n; i++) {
            float d = a[aOff + i] - b[bOff + i];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7));
    }

    /**
     * @param metric the metric
     * @param a      first array
     * @param aOff   offset of the first vector
     * @param b      second array
     * @param bOff   offset of the second vector
     * @param n      vector length
     * @return the similarity, higher is closer (cosine assumes both vectors are normalised)
     */
    public static float score(Metric metric, float[] a, int aOff, float[] b, int bOff, int n) {
        return metric == Metric.L2 ? -squaredDistance(a, aOff, b, bOff, n) : dot(a, aOff, b, bOff, n);
    }

    /**
     * Scales a vector to unit length in place; a zero vector stays zero.
     *
     * @param v   the array
     * @param off offset of the vector
     * @param n   vector length
     */
    public static void normalize(float[] v, int off, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += (double) v[off + i] * v[off + i];
        }
        if (sum > 0) {
            float scale = (float) (1 / Math.sqrt(sum));
            for (int i = 0; i < n; i++) {
                v[off + i] *= scale;
            }
        }
    }

    /**
     * @param v a vector
     * @return whether every value is finite
     */
    public static boolean isFinite(float[] v) {
        for (float x : v) {
            if (!Float.isFinite(x)) {
                return false;
            }
        }
        return true;
    }
}
