package io.visionpipeline.core.image;

/**
 * How 8-bit pixels become model input floats: {@code (pixel / 255 - mean[c]) / std[c]} per
 * channel, written in RGB or BGR order.
 *
 * @param mean     per-channel mean, in RGB order
 * @param std      per-channel standard deviation, in RGB order
 * @param bgr      whether the model wants channels in BGR order (OpenCV-trained models)
 */
public record Normalization(float[] mean, float[] std, boolean bgr) {

    /** Pixels scaled to [0, 1]. */
    public static final Normalization ZERO_TO_ONE = new Normalization(new float[] {0, 0, 0}, new float[] {1, 1, 1}, false);
    /** Pixels scaled to [-1, 1] (MediaPipe, MobileNet). */
    public static final Normalization MINUS_ONE_TO_ONE = new Normalization(new float[] {0.5f, 0.5f, 0.5f}, new float[] {0.5f, 0.5f, 0.5f}, false);
    /** Raw 0–255 values as floats. */
    public static final Normalization RAW = new Normalization(new float[] {0, 0, 0}, new float[] {1 / 255f, 1 / 255f, 1 / 255f}, false);

    /** Validates the arrays. */
    public Normalization {
        if (mean.length != 3 || std.length != 3) {
            throw new IllegalArgumentException("mean and std need 3 values each");
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * @param mean per-channel mean (RGB)
     * @param std  per-channel standard deviation (RGB)
     * @return the normalisation in RGB order
     */
    public static Normalization meanStd(float[] mean, float[] std) {
        return new Normalization(mean, std, false);
    }

    /** @return the same normalisation with channels written in BGR order */
    public Normalization inBgrOrder() {
        return new Normalization(mean, std, true);
    }

    /**
     * @param channel 0, 1, 2 in model order
     * @return multiplier applied to the 0–255 value of that model channel
     */
    float scale(int channel) {
        return 1f / (255f * std[sourceChannel(channel)]);
    }

    /**
     * @param channel 0, 1, 2 in model order
     * @return value added after scaling
     */
    float offset(int channel) {
        int c = sourceChannel(channel);
        return -mean[c] / std[c];
    }

    /**
     * @param channel model channel
     * @return the RGB channel it reads
     */
    int sourceChannel(int channel) {
        return bgr ? 2 - channel : channel;
    }
}
