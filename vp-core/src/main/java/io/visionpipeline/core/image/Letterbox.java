package io.visionpipeline.core.image;

/**
 * Where a source image lands in a model input of fixed size: scaled by {@link #scaleX()} and
 * {@link #scaleY()} and offset by the padding. {@link #fit} keeps the aspect ratio (centred,
 * padded); {@link #stretch} fills the input. Maps model coordinates back to source pixels.
 *
 * <pre>{@code
 * Letterbox box = Letterbox.fit(1280, 720, 256, 256);   // scale 0.2, 56 px of padding above and below
 * double x = box.toSourceX(modelX), y = box.toSourceY(modelY);
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
        double scale = Math.min(targetWidth / (double) sourceWidth, targetHeight / (double) sourceHeight);
        return new Letterbox(sourceWidth, sourceHeight, targetWidth, targetHeight, scale, scale,
                (targetWidth - sourceWidth * scale) / 2, (targetHeight - sourceHeight * scale) / 2);
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
