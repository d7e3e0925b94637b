package io.visionpipeline.core.image;

/**
 * Normalises 0–255 RGB pixels and stores them at output positions of one image of a model input,
 * in NHWC or NCHW order and the model's channel order.
 */
final class TensorWriter implements RgbSink {
    private final float scale0;
    private final float scale1;
    private final float scale2;
    private final float bias0;
    private final float bias1;
    private final float bias2;
    private final boolean bgr;
    private final boolean nhwc;
    private final float[] out;
    private final int offset;
    private final int width;
    private final int plane;

    /**
     * @param norm   pixel normalisation
     * @param layout tensor layout
     * @param out    destination
     * @param offset where this image starts in it
     * @param width  the image's width in the input
     * @param height the image's height in the input
     * @throws IllegalArgumentException when {@code out} cannot hold the image
     */
    TensorWriter(Normalization norm, TensorLayout layout, float[] out, int offset, int width, int height) {
        this.plane = width * height;
        if (out.length < offset + 3 * plane) {
            throw new IllegalArgumentException("output too small: " + out.length + " < " + (offset + 3 * plane));
        }
        this.scale0 = norm.scale(0);
        this.scale1 = norm.scale(1);
        this.scale2 = norm.scale(2);
        this.bias0 = norm.offset(0);
        this.bias1 = norm.offset(1);
        this.bias2 = norm.offset(2);
        this.bgr = norm.sourceChannel(0) == 2;
        this.nhwc = layout == TensorLayout.NHWC;
        this.out = out;
        this.offset = offset;
        this.width = width;
    }

    /**
     * Writes black (0, 0, 0 before normalisation) across output row {@code y}: letterbox padding.
     *
     * @param y output row
     */
    void blackRow(int y) {
        // the values write(x, y, 0, 0, 0) stores (0 · scale + bias: +0 where the bias is −0)
        float black0 = 0f * scale0 + bias0;
        float black1 = 0f * scale1 + bias1;
        float black2 = 0f * scale2 + bias2;
        if (nhwc) {
            int start = offset + 3 * y * width;
            for (int i = start; i < start + 3 * width; i += 3) {
                out[i] = black0;
                out[i + 1] = black1;
                out[i + 2] = black2;
            }
        } else {
            int start = offset + y * width;
            java.util.Arrays.fill(out, start, start + width, black0);
            java.util.Arrays.fill(out, start + plane, start + plane + width, black1);
            java.util.Arrays.fill(out, start + 2 * plane, start + 2 * plane + width, black2);
        }
    }

    /**
     * @param x output column
     * @param y output row
     * @param r red, 0–255
     * @param g green, 0–255
     * @param b blue, 0–255
     */
    @Override
    public void write(int x, int y, float r, float g, float b) {
        float first = bgr ? b : r;
        float third = bgr ? r : b;
        if (nhwc) {
            int i = offset + 3 * (y * width + x);
            out[i] = first * scale0 + bias0;
            out[i + 1] = g * scale1 + bias1;
            out[i + 2] = third * scale2 + bias2;
        } else {
            int i = offset + y * width + x;
            out[i] = first * scale0 + bias0;
            out[i + plane] = g * scale1 + bias1;
            out[i + 2 * plane] = third * scale2 + bias2;
        }
    }
}
