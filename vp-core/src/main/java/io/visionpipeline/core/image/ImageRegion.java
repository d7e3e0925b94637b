package io.visionpipeline.core.image;

import io.visionpipeline.geometry.Point;

/**
 * A parallelogram of a source image (typically a rotated line of text) mapped onto the top-left
 * {@code width × height} pixels of a model input: output pixel {@code (u, v)} shows the source
 * point {@code origin + (u + ½) / width · across + (v + ½) / height · down}. Rotating or flipping
 * a crop is choosing another corner and edges, never copying pixels.
 *
 * <pre>{@code
 * ImageRegion line = ImageRegion.of(topLeft, topRight, bottomLeft, 320, 48);
 * ImageTensors.pack(frame, line, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NCHW, input, 0, 320, 48);
 * }</pre>
 *
 * @param originX source x of the output's top-left corner
 * @param originY source y of the output's top-left corner
 * @param acrossX source x extent of the output's top edge (its whole width)
 * @param acrossY source y extent of the output's top edge
 * @param downX   source x extent of the output's left edge (its whole height)
 * @param downY   source y extent of the output's left edge
 * @param width   output width in model pixels
 * @param height  output height in model pixels
 */
public record ImageRegion(double originX, double originY, double acrossX, double acrossY, double downX, double downY,
                          int width, int height) {

    /** Validates the output size. */
    public ImageRegion {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("output size must be positive: " + width + "x" + height);
        }
    }

    /**
     * @param topLeft    source point shown at the output's top-left corner
     * @param topRight   source point shown at its top-right corner
     * @param bottomLeft source point shown at its bottom-left corner
     * @param width      output width
     * @param height     output height
     * @return the region
     */
    public static ImageRegion of(Point topLeft, Point topRight, Point bottomLeft, int width, int height) {
        return new ImageRegion(topLeft.x(), topLeft.y(), topRight.x() - topLeft.x(), topRight.y() - topLeft.y(),
                bottomLeft.x() - topLeft.x(), bottomLeft.y() - topLeft.y(), width, height);
    }

    /** @return the source length of the top edge, in source pixels */
    public double sourceWidth() {
        return Math.hypot(acrossX, acrossY);
    }

    /** @return the source length of the left edge, in source pixels */
    public double sourceHeight() {
        return Math.hypot(downX, downY);
    }

    /**
     * @param newWidth  output width
     * @param newHeight output height
     * @return the same source area at another output size
     */
    public ImageRegion withSize(int newWidth, int newHeight) {
        return new ImageRegion(originX, originY, acrossX, acrossY, downX, downY, newWidth, newHeight);
    }

    /** @return the same source area turned upside down (output size unchanged) */
    public ImageRegion rotated180() {
        return new ImageRegion(originX + acrossX + downX, originY + acrossY + downY, -acrossX, -acrossY, -downX, -downY, width, height);
    }

    /**
     * @return the same source area turned a quarter counter-clockwise (NumPy's {@code rot90}):
     *         the output's top edge runs down the source's right edge; width and height swap
     */
    public ImageRegion rotated90CounterClockwise() {
        return new ImageRegion(originX + acrossX, originY + acrossY, downX, downY, -acrossX, -acrossY, height, width);
    }
}
