package io.visionpipeline.core.image;

/**
 * Where a source image lands in a model input of fixed size: scaled by {@link #scaleX()} and
 * {@link #scaleY()} and offset by the padding. {@link #fit} keeps the aspect ratio (centred,
 * padded); {@link #stretch} fills the input; {@link #region} fits a part of the source (a crop,
 * which may reach past the source's edges). Maps model coordinates back to source pixels.
 *
 * <pre>{@code
 * Letterbox box = Letterbox.fit(1280, 720, 256, 256);   // scale 0.2, 56 px of padding above and below
 * double x = box.toSourceX(modelX), y = box.toSourceY(modelY);
 * Letterbox crop = Letterbox.region(1280, 720, 500, 100, 400, 400, 192, 192);  // a 400 px square crop
 * }</pre>
 *
 * @param sourceWidth  source width in pixels
 * @param sourceHeight source height in pixels
 * @param targetWidth  model input width
 * @param targetHeight model input height
 * @param scaleX       horizontal source-to-model scale
 * @param scaleY       vertical source-to-model scale
 * @param padX         padding left of the content, model pixels
 * @param padY         padding above the content, model pixels
 */
public record Letterbox(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight,
                        double scaleX, double scaleY, double padX, double padY) {

    /** Validates the sizes. */
    public Letterbox {
        if (sourceWidth < 1 || sourceHeight < 1 || targetWidth < 1 || targetHeight < 1) {
            throw new IllegalArgumentException("sizes must be positive: " + sourceWidth + "x" + sourceHeight
                    + " -> " + targetWidth + "x" + targetHeight);
        }
        if (!(scaleX > 0 && scaleY > 0)) {
            throw new IllegalArgumentException("scales must be positive: " + scaleX + ", " + scaleY);
        }
    }

    /**
     * @param sourceWidth  source width
     * @param sourceHeight source height
     * @param targetWidth  model input width
     * @param targetHeight model input height
     * @return the centred aspect-preserving fit
     */
    public static Letterbox fit(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        return region(sourceWidth, sourceHeight, 0, 0, sourceWidth, sourceHeight, targetWidth, targetHeight);
    }

    /**
     * Hugging Face's resize-then-centre-crop (CLIP's image processor): the source is scaled so
     * its shorter side is {@code shortSide} (the longer one {@code int(shortSide · long / short)}),
     * then the centred {@code cropWidth × cropHeight} is cut, its corner at
     * {@code ((resized − crop) // 2)} on each axis.
     *
     * @param sourceWidth  source width
     * @param sourceHeight source height
     * @param shortSide    the shorter side after resizing
     * @param cropWidth    model input width, at most {@code shortSide}
     * @param cropHeight   model input height, at most {@code shortSide}
     * @return the mapping: the crop's pixels are the model input
     */
    public static Letterbox centreCrop(int sourceWidth, int sourceHeight, int shortSide, int cropWidth, int cropHeight) {
        if (cropWidth > shortSide || cropHeight > shortSide) {
            throw new IllegalArgumentException("crop " + cropWidth + "x" + cropHeight + " is larger than the resized short side " + shortSide);
        }
        int shorter = Math.min(sourceWidth, sourceHeight);
        int longer = (int) ((long) shortSide * Math.max(sourceWidth, sourceHeight) / (double) shorter);
        int width = sourceWidth <= sourceHeight ? shortSide : longer;
        int height = sourceWidth <= sourceHeight ? longer : shortSide;
        return new Letterbox(sourceWidth, sourceHeight, cropWidth, cropHeight, width / (double) sourceWidth, height / (double) sourceHeight,
                -((width - cropWidth) / 2), -((height - cropHeight) / 2));
    }

    /**
     * Fits a rectangle of the source into the model input, aspect kept and centred. The rectangle
     * may reach past the source's edges: what lies outside the source is black padding, what lies
     * outside the rectangle is not in the input.
     *
     * @param sourceWidth  source width
     * @param sourceHeight source height
     * @param x            the rectangle's left edge, source pixels (may be negative)
     * @param y            its top edge
     * @param width        its width, positive
     * @param height       its height, positive
     * @param targetWidth  model input width
     * @param targetHeight model input height
     * @return the fit
     */
    public static Letterbox region(int sourceWidth, int sourceHeight, double x, double y, double width, double height,
                                   int targetWidth, int targetHeight) {
        if (!(width > 0 && height > 0)) {
            throw new IllegalArgumentException("region size must be positive: " + width + "x" + height);
        }
        double scale = Math.min(targetWidth / width, targetHeight / height);
        return new Letterbox(sourceWidth, sourceHeight, targetWidth, targetHeight, scale, scale,
                (targetWidth - width * scale) / 2 - x * scale, (targetHeight - height * scale) / 2 - y * scale);
    }

    /**
     * @param sourceWidth  source width
     * @param sourceHeight source height
     * @param targetWidth  model input width
     * @param targetHeight model input height
     * @return a plain resize that fills the input, ignoring the aspect ratio
     */
    public static Letterbox stretch(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        return new Letterbox(sourceWidth, sourceHeight, targetWidth, targetHeight,
                targetWidth / (double) sourceWidth, targetHeight / (double) sourceHeight, 0, 0);
    }

    /**
     * @param modelX x in model input pixels
     * @return x in source pixels
     */
    public double toSourceX(double modelX) {
        return (modelX - padX) / scaleX;
    }

    /**
     * @param modelY y in model input pixels
     * @return y in source pixels
     */
    public double toSourceY(double modelY) {
        return (modelY - padY) / scaleY;
    }
}
