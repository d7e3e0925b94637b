package io.visionpipeline.core.image;

/** Receives resampled pixels, 0–255 RGB floats, at output positions. */
@FunctionalInterface
interface RgbSink {
    /**
     * @param x output column
     * @param y output row
     * @param r red
     * @param g green
     * @param b blue
     */
    void write(int x, int y, float r, float g, float b);
}
