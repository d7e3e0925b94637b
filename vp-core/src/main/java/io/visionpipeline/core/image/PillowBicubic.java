package io.visionpipeline.core.image;

import io.visionpipeline.media.ImageFrame;

/**
 * Pillow's bicubic resize ({@code Image.resize(size, BICUBIC)}, Pillow 7 and later), reproduced
 * to the bit for 8-bit RGB: per axis a bicubic kernel (a = −0.5) widened by the reduction factor,
 * weights normalised and fixed to 22-bit integers, a horizontal pass rounded to 8 bits, then a
 * vertical pass rounded to 8 bits. Only the pixels of the requested crop are computed. This is
 * what Hugging Face image processors (CLIP's among them) do before normalising.
 */
final class PillowBicubic {
    private static final int PRECISION_BITS = 32 - 8 - 2;
    private static final double SUPPORT = 2.0;

    private PillowBicubic() {
    }

    /**
     * Writes the crop {@code [left, left + width) × [top, top + height)} of the frame resized to
     * {@code resizedWidth × resizedHeight}.
     */
    static void resample(ImageFrame frame, int resizedWidth, int resizedHeight, int left, int top, int width, int height,
                         RgbSink sink) {
        if (left < 0 || top < 0 || left + width > resizedWidth || top + height > resizedHeight) {
            throw new IllegalArgumentException("crop " + width + "x" + height + " at " + left + "," + top
                    + " is not inside the resized " + resizedWidth + "x" + resizedHeight + " picture");
        }
        Taps horizontal = Taps.of(frame.width(), resizedWidth, left, width);
        Taps vertical = Taps.of(frame.height(), resizedHeight, top, height);
        int firstRow = vertical.lo[0];
        int lastRow = 0;
        for (int i = 0; i < height; i++) {
            lastRow = Math.max(lastRow, vertical.lo[i] + vertical.count[i]);
        }
        int rows = lastRow - firstRow;
        byte[] rgb = frame.rgb();
        int stride = frame.width() * 3;
        int[] temp = new int[rows * width * 3];
        for (int y = 0; y < rows; y++) {
            int row = (firstRow + y) * stride;
            for (int x = 0; x < width; x++) {
                int lo = horizontal.lo[x];
                int k0 = x * horizontal.size;
                for (int c = 0; c < 3; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int t = 0; t < horizontal.count[x]; t++) {
                        sum += (rgb[row + 3 * (lo + t) + c] & 0xFF) * horizontal.weights[k0 + t];
                    }
                    temp[3 * (y * width + x) + c] = clip8(sum);
                }
            }
        }
        float[] pixel = new float[3];
        for (int y = 0; y < height; y++) {
            int lo = vertical.lo[y] - firstRow;
            int k0 = y * vertical.size;
            for (int x = 0; x < width; x++) {
                for (int c = 0; c < 3; c++) {
                    int sum = 1 << (PRECISION_BITS - 1);
                    for (int t = 0; t < vertical.count[y]; t++) {
                        sum += temp[3 * ((lo + t) * width + x) + c] * vertical.weights[k0 + t];
                    }
                    pixel[c] = clip8(sum);
                }
                sink.write(x, y, pixel[0], pixel[1], pixel[2]);
            }
        }
    }

    private static int clip8(int value) {
        if (value >= 1 << PRECISION_BITS << 8) {
            return 255;
        }
        return value <= 0 ? 0 : value >> PRECISION_BITS;
    }

    private static double bicubic(double x) {
        double a = -0.5;
        x = Math.abs(x);
        if (x < 1.0) {
            return ((a + 2.0) * x - (a + 3.0)) * x * x + 1;
        }
        if (x < 2.0) {
            return (((x - 5) * x + 8) * x - 4) * a;
        }
        return 0.0;
    }

    /** Pillow's {@code precompute_coeffs} and {@code normalize_coeffs_8bpc} for the outputs {@code [from, from + n)} of one axis. */
    private record Taps(int[] lo, int[] count, int[] weights, int size) {
        static Taps of(int inSize, int outSize, int from, int n) {
            double scale = inSize / (double) outSize;
            double filterScale = Math.max(1.0, scale);
            double support = SUPPORT * filterScale;
            int size = (int) Math.ceil(support) * 2 + 1;
            int[] lo = new int[n];
            int[] count = new int[n];
            int[] weights = new int[n * size];
            double[] w = new double[size];
            for (int i = 0; i < n; i++) {
                double center = (from + i + 0.5) * scale;
                int xmin = Math.max(0, (int) (center - support + 0.5));
                int xmax = Math.min(inSize, (int) (center + support + 0.5)) - xmin;
                double total = 0;
                for (int x = 0; x < xmax; x++) {
                    w[x] = bicubic((x + xmin - center + 0.5) / filterScale);
                    total += w[x];
                }
                for (int x = 0; x < xmax; x++) {
                    double v = total != 0 ? w[x] / total : w[x];
                    weights[i * size + x] = (int) (v < 0 ? -0.5 + v * (1 << PRECISION_BITS) : 0.5 + v * (1 << PRECISION_BITS));
                }
                lo[i] = xmin;
                count[i] = Math.max(0, xmax);
            }
            return new Taps(lo, count, weights, size);
        }
    }
}
