package io.visionpipeline.core.image;

/**
 * Per output coordinate: the source span to average (area) or the two taps and the weight of
 * the second (bilinear); {@code lo > hi} marks padding.
 */
final class Axis {
    final int[] lo;
    final int[] hi;
    final float[] weight;

    Axis(int n) {
        lo = new int[n];
        hi = new int[n];
        weight = new float[n];
    }

    boolean inside(int o) {
        return lo[o] <= hi[o];
    }

    /**
     * For area spans: per output coordinate, at most {@code most} evenly spaced source
     * coordinates of its span (each at the centre of its share), times {@code step} (3 for byte
     * offsets of columns, the row stride for rows); empty for padding.
     */
    int[][] samples(int most, int step) {
        int[][] samples = new int[lo.length][];
        for (int o = 0; o < lo.length; o++) {
            int span = hi[o] - lo[o];
            int n = Math.max(0, Math.min(most, span));
            samples[o] = new int[n];
            for (int k = 0; k < n; k++) {
                samples[o][k] = (lo[o] + (2 * k + 1) * span / (2 * n)) * step;
            }
        }
        return samples;
    }

    /** TensorFlow's {@code resizeBilinear(alignCorners = true)} taps: source position {@code o · (src − 1) / (out − 1)}. */
    static Axis alignedCorners(int outSize, int srcSize) {
        Axis axis = new Axis(outSize);
        double ratio = outSize > 1 ? (srcSize - 1) / (double) (outSize - 1) : 0;
        for (int o = 0; o < outSize; o++) {
            double s = ratio * o;
            int s0 = Math.min(srcSize - 1, (int) Math.floor(s));
            axis.lo[o] = s0;
            axis.hi[o] = Math.min(srcSize - 1, s0 + 1);
            axis.weight[o] = (float) (s - s0);
        }
        return axis;
    }

    static Axis of(double pad, double scale, int outSize, int srcSize, boolean area) {
        Axis axis = new Axis(outSize);
        double contentEnd = pad + srcSize * scale;
        for (int o = 0; o < outSize; o++) {
            double centre = o + 0.5;
            if (centre < pad || centre >= contentEnd) {
                axis.lo[o] = 1;
                axis.hi[o] = 0;
                continue;
            }
            if (area) {
                int s0 = (int) Math.floor((o - pad) / scale);
                int s1 = (int) Math.ceil((o + 1 - pad) / scale);
                s0 = Math.max(0, Math.min(srcSize - 1, s0));
                s1 = Math.max(s0 + 1, Math.min(srcSize, s1));
                axis.lo[o] = s0;
                axis.hi[o] = s1;
            } else {
                double s = (centre - pad) / scale - 0.5;
                s = Math.max(0, Math.min(srcSize - 1, s));
                int s0 = (int) Math.floor(s);
                int s1 = Math.min(srcSize - 1, s0 + 1);
                axis.lo[o] = s0;
                axis.hi[o] = s1;
                axis.weight[o] = (float) (s - s0);
            }
        }
        return axis;
    }
}
