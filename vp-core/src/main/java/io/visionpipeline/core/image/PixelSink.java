package io.visionpipeline.core.image;

/** Receives resampled pixels, 0–255 RGB floats, at output positions. */
@FunctionalInterface
interface PixelSink {
    /**
     * @param x     output column
     * @param y     output row
     * @param pixel red, green, blue (reused: copy what you keep)
     */
    void accept(int x, int y, float[] pixel);
}
