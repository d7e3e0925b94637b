package io.visionpipeline.core.image;

import io.visionpipeline.core.events.PreprocessEvent;
import io.visionpipeline.media.ImageFrame;

/**
 * Writes an RGB frame into a float model input in one pass: resampled into its {@link Letterbox}
 * (area averaging when shrinking by more than 2×, bilinear otherwise; or TensorFlow's aligned
 * corners, see {@link Resampling}), normalised, in NHWC or NCHW
 * order, with black padding; or a rotated {@link ImageRegion} of it (a line of text) into part of
 * an input. The one place pixels become tensors, for every stage, and where frames are resized.
 *
 * <pre>{@code
 * Letterbox box = Letterbox.fit(frame.width(), frame.height(), 128, 128);
 * float[] input = new float[128 * 128 * 3];
 * ImageTensors.pack(frame, box, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC, input, 0);
 * }</pre>
 */
public final class ImageTensors {
    /** Most source pixels per axis that {@link Resampling#AREA_SAMPLED_OR_BILINEAR} averages for one output pixel. */
    public static final int AREA_SAMPLES = 4;

    /** Most samples per axis per output pixel when a region is shrunk (8 covers an 8× reduction). */
    private static final int MAX_SAMPLES = 8;

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
        pack(frame, box, Resampling.AREA_OR_BILINEAR, norm, layout, out, offset);
    }

    /**
     * @param frame      source frame
     * @param box        where it lands in the model input
     * @param resampling how pixels are sampled
     * @param norm       pixel normalisation
     * @param layout     tensor layout
     * @param out        destination, at least {@code offset + 3 × targetWidth × targetHeight} long
     * @param offset     where this image starts in {@code out} (batch index × image size)
     * @throws IllegalArgumentException when the letterbox was made for another size, or
     *                                  {@link Resampling#BILINEAR_ALIGN_CORNERS} is asked of a padded one
     */
    public static void pack(ImageFrame frame, Letterbox box, Resampling resampling, Normalization norm, TensorLayout layout,
                            float[] out, int offset) {
        if (frame.width() != box.sourceWidth() || frame.height() != box.sourceHeight()) {
            throw new IllegalArgumentException("letterbox made for " + box.sourceWidth() + "x" + box.sourceHeight()
                    + ", frame is " + frame.width() + "x" + frame.height());
        }
        PreprocessEvent event = new PreprocessEvent();
        event.begin();
        TensorWriter writer = new TensorWriter(norm, layout, out, offset, box.targetWidth(), box.targetHeight());
        if (resampling == Resampling.BICUBIC_PILLOW) {
            PillowBicubic.resample(frame, (int) Math.round(frame.width() * box.scaleX()), (int) Math.round(frame.height() * box.scaleY()),
                    (int) Math.round(-box.padX()), (int) Math.round(-box.padY()), box.targetWidth(), box.targetHeight(), writer::write);
        } else {
            resample(frame, box, resampling, writer::write);
        }
        commit(event, box.targetWidth() * box.targetHeight());
    }

    private static void commit(PreprocessEvent event, int pixels) {
        if (event.shouldCommit()) {
            event.pixels = pixels;
            event.commit();
        }
    }

    /**
     * Resizes a frame the way {@link #pack} samples it (area averaging when shrinking by more than
     * 2×, bilinear otherwise), for engines that take 8-bit pictures rather than tensors.
     *
     * @param frame  source frame
     * @param width  new width
     * @param height new height
     * @return the resized frame, with the source's index and timestamp
     */
    public static ImageFrame resize(ImageFrame frame, int width, int height) {
        byte[] rgb = new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)];
        resample(frame, Letterbox.stretch(frame.width(), frame.height(), width, height), Resampling.AREA_OR_BILINEAR, (x, y, pixel) -> {
            int i = 3 * (y * width + x);
            rgb[i] = (byte) Math.round(pixel[0]);
            rgb[i + 1] = (byte) Math.round(pixel[1]);
            rgb[i + 2] = (byte) Math.round(pixel[2]);
        });
        return new ImageFrame(width, height, rgb, frame.index(), frame.timestamp());
    }


    private static void resample(ImageFrame frame, Letterbox box, Resampling resampling, PixelSink sink) {
        int w = box.targetWidth();
        int h = box.targetHeight();
        boolean alignCorners = resampling == Resampling.BILINEAR_ALIGN_CORNERS;
        if (alignCorners && (box.padX() != 0 || box.padY() != 0
                || box.scaleX() != w / (double) frame.width() || box.scaleY() != h / (double) frame.height())) {
            throw new IllegalArgumentException("aligned corners need a stretched letterbox without padding: " + box);
        }
        boolean area = !alignCorners && (box.scaleX() < 0.5 || box.scaleY() < 0.5);
        boolean sampled = resampling == Resampling.AREA_SAMPLED_OR_BILINEAR;
        Axis xs = alignCorners ? Axis.alignedCorners(w, frame.width()) : Axis.of(box.padX(), box.scaleX(), w, frame.width(), area);
        Axis ys = alignCorners ? Axis.alignedCorners(h, frame.height()) : Axis.of(box.padY(), box.scaleY(), h, frame.height(), area);
        byte[] rgb = frame.rgb();
        int stride = frame.width() * 3;
        int[][] xSamples = area && sampled ? xs.samples(3) : null;
        int[][] ySamples = area && sampled ? ys.samples(stride) : null;
        float[] pixel = new float[3];
        for (int oy = 0; oy < h; oy++) {
            for (int ox = 0; ox < w; ox++) {
                if (!xs.inside(ox) || !ys.inside(oy)) {
                    pixel[0] = 0;
                    pixel[1] = 0;
                    pixel[2] = 0;
                } else if (area && sampled) {
                    areaSampled(rgb, xSamples, ox, ySamples, oy, pixel);
                } else if (area) {
                    areaAverage(rgb, stride, xs.lo[ox], xs.hi[ox], ys.lo[oy], ys.hi[oy], pixel);
                } else {
                    bilinear(rgb, stride, xs.lo[ox], xs.hi[ox], xs.weight[ox], ys.lo[oy], ys.hi[oy], ys.weight[oy], pixel);
                }
                sink.accept(ox, oy, pixel);
            }
        }
    }

    /**
     * Writes a region of a frame (bilinear, averaging several samples per output pixel when the
     * region is shrunk; source edges repeated outward) into the top-left {@code region.width() ×
     * region.height()} pixels of one image of a model input; the rest of that image is left as it is.
     *
     * @param frame        source frame
     * @param region       the source area and its output size
     * @param norm         pixel normalisation
     * @param layout       tensor layout
     * @param out          destination, at least {@code offset + 3 × tensorWidth × tensorHeight} long
     * @param offset       where this image starts in {@code out} (batch index × image size)
     * @param tensorWidth  width of one image in the input, at least {@code region.width()}
     * @param tensorHeight height of one image in the input, at least {@code region.height()}
     */
    public static void pack(ImageFrame frame, ImageRegion region, Normalization norm, TensorLayout layout,
                            float[] out, int offset, int tensorWidth, int tensorHeight) {
        if (region.width() > tensorWidth || region.height() > tensorHeight) {
            throw new IllegalArgumentException("region " + region.width() + "x" + region.height()
                    + " does not fit a " + tensorWidth + "x" + tensorHeight + " input");
        }
        PreprocessEvent event = new PreprocessEvent();
        event.begin();
        TensorWriter writer = new TensorWriter(norm, layout, out, offset, tensorWidth, tensorHeight);
        double ux = region.acrossX() / region.width();
        double uy = region.acrossY() / region.width();
        double vx = region.downX() / region.height();
        double vy = region.downY() / region.height();
        if (Math.hypot(ux, uy) >= BOX_FILTER_SHRINK && Math.hypot(vx, vy) >= BOX_FILTER_SHRINK
                && region.sourceWidth() * region.sourceHeight() * 2 < BoxFilter.MAX_PIXELS) {
            BoxFilter.pack(frame, region, ux, uy, vx, vy, writer);
        } else {
            RegionSampler.forRegion(frame, ux, uy, vx, vy).pack(region, ux, uy, vx, vy, writer);
        }
        commit(event, region.width() * region.height());
    }

    /**
     * Region shrinking by at least this much on both axes is box-filtered through a summed-area
     * table instead of supersampled: O(1) per output pixel however large the source footprint.
     */
    static final double BOX_FILTER_SHRINK = 2.0;

    /**
     * Box filtering of a strongly shrunk region: a summed-area table over the region's bounding
     * box in the frame (each source pixel read once), then per output pixel the mean of the
     * axis-aligned box that bounds its footprint (the parallelogram spanned by one output pixel's
     * axes), clamped to the frame. For a region turned by θ the box is {@code |cos θ| + |sin θ|}
     * times wider than the footprint (1.27× at 15°): slightly softer than exact area averaging.
     */
    private static final class BoxFilter {
        /** Most pixels of a bounding box whose per-channel sums still fit an int (255 × this < 2³¹). */
        static final double MAX_PIXELS = 8_000_000;

        private BoxFilter() {
        }

        static void pack(ImageFrame frame, ImageRegion region, double ux, double uy, double vx, double vy, TensorWriter writer) {
            int width = frame.width();
            int height = frame.height();
            double boxW = Math.abs(ux) + Math.abs(vx);
            double boxH = Math.abs(uy) + Math.abs(vy);
            double[] xs = {region.originX(), region.originX() + region.acrossX(), region.originX() + region.downX(),
                    region.originX() + region.acrossX() + region.downX()};
            double[] ys = {region.originY(), region.originY() + region.acrossY(), region.originY() + region.downY(),
                    region.originY() + region.acrossY() + region.downY()};
            int left = clamp((int) Math.floor(min(xs)), 0, width - 1);
            int right = clamp((int) Math.ceil(max(xs)), left + 1, width);
            int top = clamp((int) Math.floor(min(ys)), 0, height - 1);
            int bottom = clamp((int) Math.ceil(max(ys)), top + 1, height);
            int tableW = right - left + 1;
            int[] table = summedArea(frame.rgb(), width * 3, left, right, top, bottom);
            float[] pixel = new float[3];
            for (int v = 0; v < region.height(); v++) {
                for (int u = 0; u < region.width(); u++) {
                    double cx = region.originX() + (u + 0.5) * ux + (v + 0.5) * vx;
                    double cy = region.originY() + (u + 0.5) * uy + (v + 0.5) * vy;
                    int x0 = clamp((int) Math.round(cx - boxW / 2), left, right - 1);
                    int x1 = clamp((int) Math.round(cx + boxW / 2), x0 + 1, right);
                    int y0 = clamp((int) Math.round(cy - boxH / 2), top, bottom - 1);
                    int y1 = clamp((int) Math.round(cy + boxH / 2), y0 + 1, bottom);
                    int a = 3 * ((y0 - top) * tableW + (x0 - left));
                    int b = 3 * ((y0 - top) * tableW + (x1 - left));
                    int c = 3 * ((y1 - top) * tableW + (x0 - left));
                    int d = 3 * ((y1 - top) * tableW + (x1 - left));
                    float n = (x1 - x0) * (y1 - y0);
                    for (int ch = 0; ch < 3; ch++) {
                        pixel[ch] = (table[d + ch] - table[b + ch] - table[c + ch] + table[a + ch]) / n;
                    }
                    writer.write(u, v, pixel);
                }
            }
        }

        /** Per channel, entry (y, x) is the sum of the pixels above and left of (top + y, left + x); one extra row and column of zeros. */
        private static int[] summedArea(byte[] rgb, int stride, int left, int right, int top, int bottom) {
            int w = right - left + 1;
            int[] table = new int[3 * w * (bottom - top + 1)];
            for (int y = top; y < bottom; y++) {
                int row = 3 * (y - top + 1) * w;
                int above = row - 3 * w;
                int r = 0;
                int g = 0;
                int b = 0;
                int src = y * stride + 3 * left;
                for (int x = 1; x < w; x++, src += 3) {
                    r += rgb[src] & 0xFF;
                    g += rgb[src + 1] & 0xFF;
                    b += rgb[src + 2] & 0xFF;
                    int i = row + 3 * x;
                    table[i] = table[above + 3 * x] + r;
                    table[i + 1] = table[above + 3 * x + 1] + g;
                    table[i + 2] = table[above + 3 * x + 2] + b;
                }
            }
            return table;
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
    }

    /** Averages a fixed pattern of bilinear samples (edges repeated outward) per output pixel. */
    private static final class RegionSampler {
        private final byte[] rgb;
        private final int stride;
        private final double maxX;
        private final double maxY;
        private final double[] offsetX;
        private final double[] offsetY;
        private final float[] pixel = new float[3];

        /**
         * Sample {@code k} of an output pixel sits at {@code (u + fu, v + fv)} in region units, on a
         * grid of one sample per source pixel covered (at most {@link #MAX_SAMPLES} per axis); its
         * source offset from the pixel's corner is the same for every pixel, so it is computed once.
         */
        static RegionSampler forRegion(ImageFrame frame, double ux, double uy, double vx, double vy) {
            int su = Math.max(1, Math.min(MAX_SAMPLES, (int) Math.ceil(Math.hypot(ux, uy) - 1e-6)));
            int sv = Math.max(1, Math.min(MAX_SAMPLES, (int) Math.ceil(Math.hypot(vx, vy) - 1e-6)));
            double[] offsetX = new double[su * sv];
            double[] offsetY = new double[su * sv];
            for (int b = 0; b < sv; b++) {
                for (int a = 0; a < su; a++) {
                    double fu = (a + 0.5) / su;
                    double fv = (b + 0.5) / sv;
                    offsetX[b * su + a] = fu * ux + fv * vx - 0.5;
                    offsetY[b * su + a] = fu * uy + fv * vy - 0.5;
                }
            }
            return new RegionSampler(frame, offsetX, offsetY);
        }

        private RegionSampler(ImageFrame frame, double[] offsetX, double[] offsetY) {
            this.rgb = frame.rgb();
            this.stride = frame.width() * 3;
            this.maxX = frame.width() - 1;
            this.maxY = frame.height() - 1;
            this.offsetX = offsetX;
            this.offsetY = offsetY;
        }

        void pack(ImageRegion region, double ux, double uy, double vx, double vy, TensorWriter writer) {
            int samples = offsetX.length;
            for (int v = 0; v < region.height(); v++) {
                double rowX = region.originX() + v * vx;
                double rowY = region.originY() + v * vy;
                for (int u = 0; u < region.width(); u++) {
                    double cornerX = rowX + u * ux;
                    double cornerY = rowY + u * uy;
                    float r = 0;
                    float g = 0;
                    float b = 0;
                    for (int k = 0; k < samples; k++) {
                        double sx = Math.max(0, Math.min(maxX, cornerX + offsetX[k]));
                        double sy = Math.max(0, Math.min(maxY, cornerY + offsetY[k]));
                        int x0 = (int) sx;
                        int y0 = (int) sy;
                        float wx = (float) (sx - x0);
                        float wy = (float) (sy - y0);
                        int i00 = y0 * stride + 3 * x0;
                        int i01 = x0 < maxX ? i00 + 3 : i00;
                        int i10 = y0 < maxY ? i00 + stride : i00;
                        int i11 = x0 < maxX ? i10 + 3 : i10;
                        r += lerp(i00, i01, i10, i11, wx, wy);
                        g += lerp(i00 + 1, i01 + 1, i10 + 1, i11 + 1, wx, wy);
                        b += lerp(i00 + 2, i01 + 2, i10 + 2, i11 + 2, wx, wy);
                    }
                    pixel[0] = r / samples;
                    pixel[1] = g / samples;
                    pixel[2] = b / samples;
                    writer.write(u, v, pixel);
                }
            }
        }

        private float lerp(int i00, int i01, int i10, int i11, float wx, float wy) {
            float top = (rgb[i00] & 0xFF) * (1 - wx) + (rgb[i01] & 0xFF) * wx;
            float bottom = (rgb[i10] & 0xFF) * (1 - wx) + (rgb[i11] & 0xFF) * wx;
            return top * (1 - wy) + bottom * wy;
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

    /** The mean of the grid of source pixels {@link Axis#samples} picked for output pixel (ox, oy). */
    private static void areaSampled(byte[] rgb, int[][] xSamples, int ox, int[][] ySamples, int oy, float[] pixel) {
        int[] columns = xSamples[ox];
        int[] rows = ySamples[oy];
        int r = 0;
        int g = 0;
        int b = 0;
        for (int row : rows) {
            for (int column : columns) {
                int i = row + column;
                r += rgb[i] & 0xFF;
                g += rgb[i + 1] & 0xFF;
                b += rgb[i + 2] & 0xFF;
            }
        }
        float n = rows.length * columns.length;
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

    /** Normalises pixels and stores them at output positions of one image, in NHWC or NCHW order. */
    private static final class TensorWriter {
        private final float[] scale;
        private final float[] bias;
        private final int[] src;
        private final boolean nhwc;
        private final float[] out;
        private final int offset;
        private final int width;
        private final int plane;

        TensorWriter(Normalization norm, TensorLayout layout, float[] out, int offset, int width, int height) {
            this.plane = width * height;
            if (out.length < offset + 3 * plane) {
                throw new IllegalArgumentException("output too small: " + out.length + " < " + (offset + 3 * plane));
            }
            this.scale = new float[] {norm.scale(0), norm.scale(1), norm.scale(2)};
            this.bias = new float[] {norm.offset(0), norm.offset(1), norm.offset(2)};
            this.src = new int[] {norm.sourceChannel(0), norm.sourceChannel(1), norm.sourceChannel(2)};
            this.nhwc = layout == TensorLayout.NHWC;
            this.out = out;
            this.offset = offset;
            this.width = width;
        }

        void write(int x, int y, float[] pixel) {
            if (nhwc) {
                int i = offset + 3 * (y * width + x);
                out[i] = pixel[src[0]] * scale[0] + bias[0];
                out[i + 1] = pixel[src[1]] * scale[1] + bias[1];
                out[i + 2] = pixel[src[2]] * scale[2] + bias[2];
            } else {
                int i = offset + y * width + x;
                out[i] = pixel[src[0]] * scale[0] + bias[0];
                out[i + plane] = pixel[src[1]] * scale[1] + bias[1];
                out[i + 2 * plane] = pixel[src[2]] * scale[2] + bias[2];
            }
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

        /**
         * For area spans: per output coordinate, at most {@link #AREA_SAMPLES} evenly spaced
         * source coordinates of its span (each at the centre of its share), times {@code step}
         * (3 for byte offsets of columns, the row stride for rows); empty for padding.
         */
        int[][] samples(int step) {
            int[][] samples = new int[lo.length][];
            for (int o = 0; o < lo.length; o++) {
                int span = hi[o] - lo[o];
                int n = Math.max(0, Math.min(AREA_SAMPLES, span));
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
}
