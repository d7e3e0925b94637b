package io.visionpipeline.testing;

import io.visionpipeline.media.ImageFrame;

/** Small pixel helpers for building test inputs. */
public final class Images {
    private Images() {
    }

    /**
     * @param source a frame
     * @param width  target width
     * @param height target height
     * @return its pixels scaled to the target size (nearest neighbour)
     */
    public static byte[] resizeNearest(ImageFrame source, int width, int height) {
        byte[] out = new byte[width * height * 3];
        byte[] in = source.rgb();
        for (int y = 0; y < height; y++) {
            int sy = (int) ((long) y * source.height() / height);
            for (int x = 0; x < width; x++) {
                int sx = (int) ((long) x * source.width() / width);
                System.arraycopy(in, 3 * (sy * source.width() + sx), out, 3 * (y * width + x), 3);
            }
        }
        return out;
    }
}
