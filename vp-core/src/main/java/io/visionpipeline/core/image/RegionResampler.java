package io.visionpipeline.core.image;

import io.visionpipeline.media.ImageFrame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Samples a turned, scaled {@link ImageRegion} of a frame, edges repeated outward. Shrunk less
 * than 2× (as most face crops and text lines are): one bilinear sample per output pixel, as
 * OpenCV's {@code warpAffine} and the letterbox path do. Shrunk 2× or more on both axes: the
 * region's bounding box is first reduced by the whole factor {@code k = ⌊shrink⌋} (the mean of
 * each k×k block, read in row order; of an evenly spaced 4×4 grid of it when k > 4, as the
 * letterbox path samples at most 4×4 pixels per output pixel), then sampled bilinearly the same way
 * (Pillow's {@code reducing_gap} idea); an axis still shrunk 2× or more after that (a squashed
 * text line) averages several samples along it.
 */
final class RegionResampler {
    /** Most samples averaged per axis per output pixel on an axis still shrunk after the reduction. */
    private static final int MAX_SAMPLES = 8;

    private RegionResampler() {
    }

    /**
     * @param frame  source frame
     * @param region the region and its output size
     * @param writer receives the output pixels
     */
    static void pack(ImageFrame frame, ImageRegion region, TensorWriter writer) {
        double ux = region.acrossX() / region.width();
        double uy = region.acrossY() / region.width();
        double vx = region.downX() / region.height();
        double vy = region.downY() / region.height();
        int k = (int) Math.min(ReducedPixels.MAX_FACTOR, Math.min(Math.hypot(ux, uy), Math.hypot(vx, vy)));
        double[] xs = {0, region.acrossX(), region.downX(), region.acrossX() + region.downX()};
        double[] ys = {0, region.acrossY(), region.downY(), region.acrossY() + region.downY()};
        if (k < 2) {
            fetch(frame, region.originX() + min(xs), region.originY() + min(ys), region.originX() + max(xs), region.originY() + max(ys));
            sample(new FramePixels(frame), region.originX(), region.originY(), ux, uy, vx, vy, region, writer);
            return;
        }
        // blocks start where the region does (an axis-aligned region's pixels are then whole blocks),
        // with one block of margin so bilinear taps at the region's edge read real neighbours
        int left = (int) Math.floor(region.originX() + min(xs)) - k;
        int top = (int) Math.floor(region.originY() + min(ys)) - k;
        int width = (int) Math.ceil((region.originX() + max(xs) - left) / k) + 1;
        int height = (int) Math.ceil((region.originY() + max(ys) - top) / k) + 1;
        if (left >= frame.width() || top >= frame.height() || left + width * k <= 0 || top + height * k <= 0) {
            // no block of the region's grid holds a frame pixel: sample the frame's edge directly
            sample(new FramePixels(frame), region.originX(), region.originY(), ux, uy, vx, vy, region, writer);
            return;
        }
        ReducedPixels reduced = ReducedPixels.of(frame, left, top, width, height, k);
        sample(reduced, (region.originX() - left) / k, (region.originY() - top) / k, ux / k, uy / k, vx / k, vy / k, region, writer);
    }

    /**
     * Fetches the frame's pixels under a region's bounding box into the caches before it is
     * sampled ({@link RowPrefetch}): the rows of a turned region are read a little of each at a
     * time, in an order the hardware does not foresee, and a frame a model's run has evicted then
     * arrives one miss at a time (a 224-pixel crop shrunk 1.5× from such a frame: 1.1 ms, 0.6–0.7 ms
     * fetched first, 0.4 ms from a cached frame). Larger shrinks read whole rows in order ({@link ColumnSums}).
     */
    private static void fetch(ImageFrame frame, double x0, double y0, double x1, double y1) {
        int stride = 3 * frame.width();
        int from = 3 * Math.max(0, (int) Math.floor(x0) - 1);
        int to = 3 * Math.min(frame.width(), (int) Math.ceil(x1) + 2);
        for (int y = Math.max(0, (int) Math.floor(y0) - 1), last = Math.min(frame.height() - 1, (int) Math.ceil(y1) + 1); y <= last; y++) {
            RowPrefetch.touch(frame.rgb(), y * stride + from, y * stride + to);
        }
    }

    /**
     * Output pixel (u, v) averages bilinear samples at {@code origin + (u + fu)·U + (v + fv)·V}
     * (source pixel centres at +0.5), {@code fu, fv} on a grid of one sample per axis unless that
     * axis still shrinks 2× or more; each sample position is one pass of {@link #bilinear}.
     */
    private static void sample(Pixels pixels, double originX, double originY, double ux, double uy, double vx, double vy,
                               ImageRegion region, TensorWriter writer) {
        int su = samplesAlong(Math.hypot(ux, uy));
        int sv = samplesAlong(Math.hypot(vx, vy));
        if (su * sv == 1) {
            bilinear(pixels, originX + 0.5 * (ux + vx) - 0.5, originY + 0.5 * (uy + vy) - 0.5, ux, uy, vx, vy, region, writer);
            return;
        }
        Mean mean = new Mean(region.width(), region.height(), su * sv);
        for (int b = 0; b < sv; b++) {
            for (int a = 0; a < su; a++) {
                double fu = (a + 0.5) / su;
                double fv = (b + 0.5) / sv;
                bilinear(pixels, originX + fu * ux + fv * vx - 0.5, originY + fu * uy + fv * vy - 0.5, ux, uy, vx, vy, region, mean);
            }
        }
        mean.writeTo(writer);
    }

    /** Fixed-point fraction bits of sample positions. */
    private static final int FRACTION_BITS = 16;
    private static final double ONE = 1 << FRACTION_BITS;

    /**
     * One bilinear sample per output pixel, at {@code (x0, y0) + u·U + v·V}; positions in 16.16
     * fixed point along a row, weights in 8 bits (1/256 of a pixel), values in {@link Pixels#unit}s.
     */
    private static void bilinear(Pixels pixels, double x0, double y0, double ux, double uy, double vx, double vy,
                                 ImageRegion region, RgbSink sink) {
        int maxX = (pixels.width - 1) << FRACTION_BITS;
        int maxY = (pixels.height - 1) << FRACTION_BITS;
        int lastX = pixels.width - 1;
        int lastY = pixels.height - 1;
        int stride = pixels.width * 3;
        int width = region.width();
        int height = region.height();
        int stepX = (int) Math.round(ux * ONE);
        int stepY = (int) Math.round(uy * ONE);
        float scale = 1f / (65536f * pixels.unit);
        for (int v = 0; v < height; v++) {
            long sx = Math.round((x0 + v * vx) * ONE);
            long sy = Math.round((y0 + v * vy) * ONE);
            long endX = sx + (long) (width - 1) * stepX;
            long endY = sy + (long) (width - 1) * stepY;
            if (within(sx, endX, maxX) && within(sy, endY, maxY)) {
                // the whole row has four taps inside the source (positions move in a line): no clamping
                for (int u = 0; u < width; u++, sx += stepX, sy += stepY) {
                    int i00 = (int) (sy >>> FRACTION_BITS) * stride + 3 * (int) (sx >>> FRACTION_BITS);
                    write(pixels, sink, u, v, i00, i00 + 3, i00 + stride, i00 + stride + 3,
                            (int) (sx >>> (FRACTION_BITS - 8)) & 0xFF, (int) (sy >>> (FRACTION_BITS - 8)) & 0xFF, scale);
                }
                continue;
            }
            for (int u = 0; u < width; u++, sx += stepX, sy += stepY) {
                int cx = (int) Math.max(0, Math.min(maxX, sx));
                int cy = (int) Math.max(0, Math.min(maxY, sy));
                int ix = cx >>> FRACTION_BITS;
                int iy = cy >>> FRACTION_BITS;
                int i00 = iy * stride + 3 * ix;
                int i01 = ix < lastX ? i00 + 3 : i00;
                int i10 = iy < lastY ? i00 + stride : i00;
                int i11 = ix < lastX ? i10 + 3 : i10;
                write(pixels, sink, u, v, i00, i01, i10, i11, (cx >>> (FRACTION_BITS - 8)) & 0xFF, (cy >>> (FRACTION_BITS - 8)) & 0xFF, scale);
            }
        }
    }

    /** @return whether fixed-point positions from {@code a} to {@code b} lie in {@code [0, max)}, where the next tap is still inside */
    private static boolean within(long a, long b, int max) {
        return Math.min(a, b) >= 0 && Math.max(a, b) < max;
    }

    /** Writes the bilinear mix of four taps, per channel, at output pixel (u, v). */
    private static void write(Pixels pixels, RgbSink sink, int u, int v, int i00, int i01, int i10, int i11, int wx, int wy, float scale) {
        sink.write(u, v, pixels.lerp(i00, i01, i10, i11, wx, wy) * scale,
                pixels.lerp(i00 + 1, i01 + 1, i10 + 1, i11 + 1, wx, wy) * scale,
                pixels.lerp(i00 + 2, i01 + 2, i10 + 2, i11 + 2, wx, wy) * scale);
    }

    private static int samplesAlong(double shrink) {
        return shrink < 2 ? 1 : Math.min(MAX_SAMPLES, (int) Math.ceil(shrink - 1e-6));
    }

    private static int clamp(int value, int lo, int hi) {
        return Math.max(lo, Math.min(hi, value));
    }

    private static double min(double[] values) {
        return Math.min(Math.min(values[0], values[1]), Math.min(values[2], values[3]));
    }

    private static double max(double[] values) {
        return Math.max(Math.max(values[0], values[1]), Math.max(values[2], values[3]));
    }

    /** Sums of several passes' samples, per output pixel and channel, written out as their mean. */
    private static final class Mean implements RgbSink {
        private final float[] sums;
        private final int width;
        private final int height;
        private final float inverse;

        Mean(int width, int height, int samples) {
            this.sums = new float[3 * width * height];
            this.width = width;
            this.height = height;
            this.inverse = 1f / samples;
        }

        @Override
        public void write(int x, int y, float r, float g, float b) {
            int i = 3 * (y * width + x);
            sums[i] += r;
            sums[i + 1] += g;
            sums[i + 2] += b;
        }

        void writeTo(TensorWriter writer) {
            for (int y = 0, i = 0; y < height; y++) {
                for (int x = 0; x < width; x++, i += 3) {
                    writer.write(x, y, sums[i] * inverse, sums[i + 1] * inverse, sums[i + 2] * inverse);
                }
            }
        }
    }

    /**
     * Interleaved RGB values that {@link #bilinear} reads, as integers of {@code unit} per 0–255
     * level; {@link #lerp} returns the bilinear mix of four of them times 256 × 256.
     */
    private abstract static sealed class Pixels permits FramePixels, ReducedPixels {
        final int width;
        final int height;
        final int unit;

        Pixels(int width, int height, int unit) {
            this.width = width;
            this.height = height;
            this.unit = unit;
        }

        abstract int lerp(int i00, int i01, int i10, int i11, int wx, int wy);
    }

    /** The frame itself. */
    private static final class FramePixels extends Pixels {
        private final byte[] rgb;

        FramePixels(ImageFrame frame) {
            super(frame.width(), frame.height(), 1);
            this.rgb = frame.rgb();
        }

        @Override
        int lerp(int i00, int i01, int i10, int i11, int wx, int wy) {
            int top = (rgb[i00] & 0xFF) * (256 - wx) + (rgb[i01] & 0xFF) * wx;
            int bottom = (rgb[i10] & 0xFF) * (256 - wx) + (rgb[i11] & 0xFF) * wx;
            return top * (256 - wy) + bottom * wy;
        }
    }

    /**
     * Part of a frame reduced by a whole factor k: each value the sum of a k×k block, or of an
     * evenly spaced 4×4 grid of it when k > 4 (blocks cut by the frame's edge scaled up to as many
     * pixels), so a value is the block's mean in 1/{@link #unit} levels. Sums rather than means:
     * no division or float conversion per value, and they fit a short.
     */
    private static final class ReducedPixels extends Pixels {
        /** Largest factor reduced in one step; a region shrunk more also averages several samples of the reduced image. */
        static final int MAX_FACTOR = 11;
        /**
         * Most rows and columns of a block read, as {@link Resampling#AREA_SAMPLED_OR_BILINEAR} reads at
         * most 4×4 pixels of each output pixel's area: blocks up to 4×4 are read whole, larger ones
         * on an evenly spaced 4×4 grid (the 64×64 sharpness crop of a face filling a 1080p frame
         * shrinks it 11×: 16 of 121 pixels per block).
         */
        static final int SAMPLES = 4;
        private final short[] rgb;

        private ReducedPixels(int width, int height, int k, short[] rgb) {
            super(width, height, unit(k));
            this.rgb = rgb;
        }

        /**
         * @param frame  the frame
         * @param left   first column of the block grid (may lie left of the frame)
         * @param top    first row of the block grid (may lie above the frame)
         * @param width  blocks across
         * @param height blocks down
         * @param k      block side
         * @return the block sums; blocks wholly outside the frame repeat the nearest inside one
         */
        static ReducedPixels of(ImageFrame frame, int left, int top, int width, int height, int k) {
            // blocks [bx0, bx1) × [by0, by1) hold frame pixels (the first and last may be cut by its edge)
            int bx0 = Math.max(0, Math.floorDiv(-left, k));
            int bx1 = Math.min(width, ceilDiv(frame.width() - left, k));
            int by0 = Math.max(0, Math.floorDiv(-top, k));
            int by1 = Math.min(height, ceilDiv(frame.height() - top, k));
            int x0 = Math.max(0, left + bx0 * k);
            int x1 = Math.min(frame.width(), left + bx1 * k);
            short[] sums = new short[3 * width * height];
            ColumnSums columns = new ColumnSums(frame, x0, x1);
            int shift = x0 - (left + bx0 * k);
            int unit = ReducedPixels.unit(k);
            int[] rows = new int[SAMPLES];
            int span = x1 - x0;
            int[] cut = new int[SAMPLES];
            // a whole block's columns read (k >= 2: two to four), as value offsets: the first from the block's
            // start, the others from the first
            int[] columnsRead = new int[SAMPLES];
            int blockColumns = spread(0, k, columnsRead);
            int o0 = 3 * columnsRead[0];
            int o1 = 3 * (columnsRead[1] - columnsRead[0]);
            int o2 = blockColumns > 2 ? 3 * (columnsRead[2] - columnsRead[0]) : 0;
            int o3 = blockColumns > 3 ? 3 * (columnsRead[3] - columnsRead[0]) : 0;
            for (int ry = by0; ry < by1; ry++) {
                int y0 = Math.max(0, top + ry * k);
                int y1 = Math.min(frame.height(), top + (ry + 1) * k);
                int rowCount = spread(y0, y1, rows);
                int[] column = columns.over(rows, rowCount);
                int row = 3 * width * ry;
                for (int rx = bx0; rx < bx1; rx++) {
                    // block rx covers columns [first, first + k) of the span, cut by the span's ends
                    int first = (rx - bx0) * k - shift;
                    int i = row + 3 * rx;
                    if (first >= 0 && first + k <= span) {
                        // a whole block: its columns at fixed offsets, without a loop (two to four of them)
                        int c = 3 * first + o0;
                        int r = column[c] + column[c + o1];
                        int g = column[c + 1] + column[c + o1 + 1];
                        int b = column[c + 2] + column[c + o1 + 2];
                        if (blockColumns > 2) {
                            r += column[c + o2];
                            g += column[c + o2 + 1];
                            b += column[c + o2 + 2];
                        }
                        if (blockColumns > 3) {
                            r += column[c + o3];
                            g += column[c + o3 + 1];
                            b += column[c + o3 + 2];
                        }
                        store(sums, i, r, g, b, rowCount * blockColumns, unit);
                    } else {
                        int n = spread(Math.max(0, first), Math.min(span, first + k), cut);
                        int r = 0;
                        int g = 0;
                        int b = 0;
                        for (int j = 0; j < n; j++) {
                            int c = 3 * cut[j];
                            r += column[c];
                            g += column[c + 1];
                            b += column[c + 2];
                        }
                        store(sums, i, r, g, b, rowCount * n, unit);
                    }
                }
                repeatEdges(sums, row, bx0, bx1, width);
            }
            for (int ry = 0; ry < height; ry++) {
                if (ry < by0 || ry >= by1) {
                    System.arraycopy(sums, 3 * width * (ry < by0 ? by0 : by1 - 1), sums, 3 * width * ry, 3 * width);
                }
            }
            return new ReducedPixels(width, height, k, sums);
        }

        /** Stores a block's sums over {@code pixels} pixels, scaled to {@code unit} pixels when they differ. */
        private static void store(short[] sums, int i, int r, int g, int b, int pixels, int unit) {
            if (pixels == unit) {
                sums[i] = (short) r;
                sums[i + 1] = (short) g;
                sums[i + 2] = (short) b;
            } else {
                sums[i] = (short) ((r * unit + pixels / 2) / pixels);
                sums[i + 1] = (short) ((g * unit + pixels / 2) / pixels);
                sums[i + 2] = (short) ((b * unit + pixels / 2) / pixels);
            }
        }

        private static void repeatEdges(short[] sums, int row, int bx0, int bx1, int width) {
            for (int rx = 0; rx < width; rx++) {
                if (rx < bx0 || rx >= bx1) {
                    int from = row + 3 * (rx < bx0 ? bx0 : bx1 - 1);
                    System.arraycopy(sums, from, sums, row + 3 * rx, 3);
                }
            }
        }

        /** @return how many pixels a whole block's value sums: all k² up to 4×4 blocks, a 4×4 grid of larger ones */
        static int unit(int k) {
            return Math.min(SAMPLES, k) * Math.min(SAMPLES, k);
        }

        /**
         * Picks at most {@value #SAMPLES} evenly spaced coordinates of {@code [from, to)}, each at the
         * centre of its share (all of them when there are that few).
         *
         * @return how many were written into {@code out}
         */
        static int spread(int from, int to, int[] out) {
            int n = Math.min(SAMPLES, to - from);
            for (int j = 0; j < n; j++) {
                out[j] = from + (2 * j + 1) * (to - from) / (2 * n);
            }
            return n;
        }

        private static int ceilDiv(int a, int b) {
            return -Math.floorDiv(-a, b);
        }

        @Override
        int lerp(int i00, int i01, int i10, int i11, int wx, int wy) {
            int top = rgb[i00] * (256 - wx) + rgb[i01] * wx;
            int bottom = rgb[i10] * (256 - wx) + rgb[i11] * wx;
            return top * (256 - wy) + bottom * wy;
        }
    }

    /**
     * Per channel value of a span of frame columns, the sum over a run of rows: eight bytes read at
     * a time into two accumulators of 16-bit lanes (bytes 0, 2, 4, 6 and bytes 1, 3, 5, 7), at most
     * 257 rows so no lane overflows.
     */
    private static final class ColumnSums {
        private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        /** The even bytes of a word, each in a 16-bit lane. */
        private static final long LANES = 0x00FF00FF00FF00FFL;
        private final byte[] rgb;
        private final int stride;
        private final int start;
        private final long[] even;
        private final long[] odd;
        private final int[] sums;

        ColumnSums(ImageFrame frame, int left, int right) {
            this.rgb = frame.rgb();
            this.stride = 3 * frame.width();
            this.start = 3 * left;
            this.sums = new int[3 * (right - left)];
            this.even = new long[sums.length / 8];
            this.odd = new long[sums.length / 8];
        }

        /** @return the sums over the first {@code count} of {@code rows}, reused by the next call */
        int[] over(int[] rows, int count) {
            int words = even.length;
            java.util.Arrays.fill(even, 0);
            java.util.Arrays.fill(odd, 0);
            for (int j = 0; j < count; j++) {
                int src = rows[j] * stride + start;
                for (int w = 0; w < words; w++) {
                    long v = (long) LONG.get(rgb, src + 8 * w);
                    even[w] += v & LANES;
                    odd[w] += (v >>> 8) & LANES;
                }
            }
            for (int w = 0; w < words; w++) {
                long e = even[w];
                long o = odd[w];
                int i = 8 * w;
                sums[i] = (int) e & 0xFFFF;
                sums[i + 1] = (int) o & 0xFFFF;
                sums[i + 2] = (int) (e >>> 16) & 0xFFFF;
                sums[i + 3] = (int) (o >>> 16) & 0xFFFF;
                sums[i + 4] = (int) (e >>> 32) & 0xFFFF;
                sums[i + 5] = (int) (o >>> 32) & 0xFFFF;
                sums[i + 6] = (int) (e >>> 48);
                sums[i + 7] = (int) (o >>> 48);
            }
            for (int i = 8 * words; i < sums.length; i++) {
                int total = 0;
                for (int j = 0; j < count; j++) {
                    total += rgb[rows[j] * stride + start + i] & 0xFF;
                }
                sums[i] = total;
            }
            return sums;
        }
    }
}
