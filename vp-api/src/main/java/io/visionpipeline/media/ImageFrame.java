package io.visionpipeline.media;

import java.time.Duration;
import java.util.Objects;

/**
 * One decoded picture: packed 8-bit RGB pixels, row by row from the top-left corner, with its
 * place in the media.
 *
 * <p>The pixel array is shared, not copied: stages read it and must not change it.
 *
 * <pre>{@code
 * ImageFrame frame = ImageFrame.ofRgb(width, height, rgbBytes);
 * int red = frame.rgb()[3 * (y * frame.width() + x)] & 0xFF;
 * }</pre>
 *
 * @since 0.1
 */
public final class ImageFrame {
    private final int width;
    private final int height;
    private final byte[] rgb;
    private final long index;
    private final Duration timestamp;

    /**
     * @param width     width in pixels, at least 1
     * @param height    height in pixels, at least 1
     * @param rgb       {@code width * height * 3} bytes, RGB order
     * @param index     the frame's index in its media (decode order, from 0)
     * @param timestamp the frame's presentation time in its media
     */
    public ImageFrame(int width, int height, byte[] rgb, long index, Duration timestamp) {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("frame size must be positive: " + width + "x" + height);
        }
        Objects.requireNonNull(rgb, "rgb");
        if (rgb.length != (long) width * height * 3) {
            throw new IllegalArgumentException("expected " + (long) width * height * 3 + " RGB bytes for "
                    + width + "x" + height + ", got " + rgb.length);
        }
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0: " + index);
        }
        this.width = width;
        this.height = height;
        this.rgb = rgb;
        this.index = index;
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
    }

    /**
     * A still image: index 0 at time 0.
     *
     * @param width  width in pixels
     * @param height height in pixels
     * @param rgb    packed RGB bytes
     * @return the frame
     */
    public static ImageFrame ofRgb(int width, int height, byte[] rgb) {
        return new ImageFrame(width, height, rgb, 0, Duration.ZERO);
    }

    /** @return width in pixels */
    public int width() {
        return width;
    }

    /** @return height in pixels */
    public int height() {
        return height;
    }

    /** @return the packed RGB pixels (shared; do not modify) */
    public byte[] rgb() {
        return rgb;
    }

    /** @return the frame's index in its media (decode order, from 0) */
    public long index() {
        return index;
    }

    /** @return the frame's presentation time in its media */
    public Duration timestamp() {
        return timestamp;
    }

    @Override
    public String toString() {
        return "ImageFrame[" + width + "x" + height + ", index=" + index + ", t=" + timestamp.toMillis() / 1000.0 + "s]";
    }
}
