package io.visionpipeline.core.image;

import io.visionpipeline.media.ImageFrame;

/**
 * Writes an RGB frame into a float model input in one pass: resampled into its {@link Letterbox}
 * (area averaging when shrinking by more than 2×, bilinear otherwise), normalised, in NHWC or NCHW
 * order, with black padding. The one place pixels become tensors, for every stage.
 *
 * <pre>{@code
 * Letterbox box = Letterbox.fit(frame.width(), frame.height(), 128, 128);
 * float[] input = new float[128 * 128 * 3];
 * ImageTensors.pack(frame, box, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC, input, 0);
 * }</pre>
 */
public final class ImageTensors {
    private ImageTensors() {
    }

    /**
     * @param frame  source frame
     * @param box    where it lands in the model input
     * @param norm   pixel normalisation
     * @param layout tensor layout
     * @param out    destination, at least {@code offset + 3 × targetWidth × targetHeight} long
     * @param offset where this image starts in {@code out} (batch index × image size)
     */
    public static void pack(ImageFrame frame, Letterbox box, Normalization norm, TensorLayout layout, float[] out, int offset) {
        if (frame.width() != box.sourceWidth() || frame.height() != box.sourceHeight()) {
            throw new IllegalArgumentException("letterbox made for " + box.sourceWidth() + "x" + box.sourceHeight()
                    + ", frame is " + frame.width() + "x" + frame.height());
        }
        int w = box.targetWidth();
        int h = box.targetHeight();
        int plane = w * h;
        if (out.length < offset + 3 * plane) {
            throw new IllegalArgumentException("output too small: " + out.length + " < " + (offset + 3 * plane));
        }
        float[] scale = {norm.scale(0), norm.scale(1), norm.scale(2)};
        float[] bias = {norm.offset(0), norm.offset(1), norm.offset(2)};
        int[] src = {norm.sourceChannel(0), norm.sourceChannel(1), norm.sourceChannel(2)};
        boolean area = box.scaleX() < 0.5 || box.scaleY() < 0.5;
        Axis xs = Axis.of(box.padX(), box.scaleX(), w, frame.width(), area);
        Axis ys = Axis.of(box.padY(), box.scaleY(), h, frame.height(), area);
        byte[] rgb = frame.rgb();
        int stride = frame.width() * 3;
        float[] pixel = new float[3];
        for (int oy = 0; oy < h; oy++) {
            for (int ox = 0; ox < w; ox++) {
                if (!xs.inside(ox) || !ys.inside(oy)) {
                    pixel[0] = 0;
                    pixel[1] = 0;
                    pixel[2] = 0;
                } else if (area) {
                    areaAverage(rgb, stride, xs.lo[ox], xs.hi[ox], ys.lo[oy], ys.hi[oy], pixel);
                } else {
                    bilinear(rgb, stride, xs.lo[ox], xs.hi[ox], xs.weight[ox], ys.lo[oy], ys.hi[oy], ys.weight[oy], pixel);
                }
                if (layout == TensorLayout.NHWC) {
                    int i = offset + 3 * (oy * w + ox);
                    out[i] = pixel[src[0]] * scale[0] + bias[0];
                    out[i + 1] = pixel[src[1]] * scale[1] + bias[1];
                    out[i + 2] = pixel[src[2]] * scale[2] + bias[2];
                } else {
                    int i = offset + oy * w + ox;
                    out[i] = pixel[src[0]] * scale[0] + bias[0];
                    out[i + plane] = pixel[src[1]] * scale[1] + bias[1];
                    out[i + 2 * plane] = pixel[src[2]] * scale[2] + bias[2];
                }
            }
        }
    }

    private static void areaAverage(byte[] rgb, int stride, int x0, int x1, int y0, int y1, float[] pixel) {
        int r = 0;
        int g = 0;
        int b = 0;
        for (int y = y0; y < y1; y++) {
            int i = y * stride + x0 * 3;
            int end = y * stride + x1 * 3;
            for (; i < end; i += 3) {
                r += rgb[i] & 0xFF;
                g += rgb[i + 1] & 0xFF;
                b += rgb[i + 2] & 0xFF;
            }
        }
        float n = (x1 - x0) * (y1 - y0);
        pixel[0] = r / n;
        pixel[1] = g / n;
        pixel[2] = b / n;
    }

    private static void bilinear(byte[] rgb, int stride, int x0, int x1, float wx, int y0, int y1, float wy, float[] pixel) {
        int a = y0 * stride + x0 * 3;
        int b = y0 * stride + x1 * 3;
        int c = y1 * stride + x0 * 3;
        int d = y1 * stride + x1 * 3;
        for (int ch = 0; ch < 3; ch++) {
            float top = (rgb[a + ch] & 0xFF) * (1 - wx) + (rgb[b + ch] & 0xFF) * wx;
            float bottom = (rgb[c + ch] & 0xFF) * (1 - wx) + (rgb[d + ch] & 0xFF) * wx;
            pixel[ch] = top * (1 - wy) + bottom * wy;
        }
    }

    /**
     * Per output coordinate: the source span to average (area) or the two taps and the weight of
     * the second (bilinear); {@code lo > hi} marks padding.
     */
    private static final class Axis {
        final int[] lo;
        final int[] hi;
        final float[] weight;

        private Axis(int n) {
            lo = new int[n];
            hi = new int[n];
            weight = new float[n];
        }

        boolean inside(int o) {
            return lo[o] <= hi[o];
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
}
