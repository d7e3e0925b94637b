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
                    (int) Math.round(-box.padX()), (int) Math.round(-box.padY()), box.targetWidth(), box.targetHeight(), writer);
        } else if (resampling.areaSamples() > 0 && (box.scaleX() < 0.5 || box.scaleY() < 0.5)) {
            AreaSampler.pack(frame, box, resampling.areaSamples(), writer);
        } else {
            resample(frame, box, resampling, writer);
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
        resample(frame, Letterbox.stretch(frame.width(), frame.height(), width, height), Resampling.AREA_OR_BILINEAR, (x, y, r, g, b) -> {
            int i = 3 * (y * width + x);
            rgb[i] = (byte) Math.round(r);
            rgb[i + 1] = (byte) Math.round(g);
            rgb[i + 2] = (byte) Math.round(b);
        });
        return new ImageFrame(width, height, rgb, frame.index(), frame.timestamp());
    }


    private static void resample(ImageFrame frame, Letterbox box, Resampling resampling, RgbSink sink) {
        int w = box.targetWidth();
        int h = box.targetHeight();
        boolean alignCorners = resampling == Resampling.BILINEAR_ALIGN_CORNERS;
        if (alignCorners && (box.padX() != 0 || box.padY() != 0
                || box.scaleX() != w / (double) frame.width() || box.scaleY() != h / (double) frame.height())) {
            throw new IllegalArgumentException("aligned corners need a stretched letterbox without padding: " + box);
        }
        boolean area = !alignCorners && (box.scaleX() < 0.5 || box.scaleY() < 0.5);
        Axis xs = alignCorners ? Axis.alignedCorners(w, frame.width()) : Axis.of(box.padX(), box.scaleX(), w, frame.width(), area);
        Axis ys = alignCorners ? Axis.alignedCorners(h, frame.height()) : Axis.of(box.padY(), box.scaleY(), h, frame.height(), area);
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
                sink.write(ox, oy, pixel[0], pixel[1], pixel[2]);
            }
        }
    }

    /**
     * Writes a region of a frame (bilinear; shrunk 2× or more, reduced by block means first, see
     * {@link RegionResampler}; source edges repeated outward) into the top-left {@code region.width() ×
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
        RegionResampler.pack(frame, region, writer);
        commit(event, region.width() * region.height());
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
}
