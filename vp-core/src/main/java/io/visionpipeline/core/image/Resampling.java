package io.visionpipeline.core.image;

/**
 * How {@link ImageTensors} samples a frame into a model input.
 */
public enum Resampling {
    /**
     * Area averaging when shrinking by more than 2×, bilinear between pixel centres otherwise:
     * the faithful resize, and the default.
     */
    AREA_OR_BILINEAR(0),
    /**
     * Like {@link #AREA_OR_BILINEAR}, but when shrinking by more than 2× each output pixel
     * averages a grid of at most {@value ImageTensors#AREA_SAMPLES}×{@value ImageTensors#AREA_SAMPLES}
     * evenly spaced source pixels of its area instead of all of them. For small inputs taken from
     * large frames (BlazeFace's 128×128 from 720p or 1080p), where exact averaging reads every
     * source byte and costs more than the model itself; it still low-pass filters, unlike plain
     * bilinear sampling (what TF.js's own BlazeFace does), so small faces do not alias away.
     */
    AREA_SAMPLED_OR_BILINEAR(ImageTensors.AREA_SAMPLES),
    /**
     * Like {@link #AREA_SAMPLED_OR_BILINEAR} with a grid of at most 3×3 pixels per output pixel:
     * for a model whose run is short next to packing its input from a large frame (BlazeFace:
     * 1.1 ms for a 128×128 input that a 1080p frame shrinks 15× into), where 16 reads per input
     * pixel cost a fifth of the run. Still an average over each input pixel's area, where the
     * reference pipelines (TF.js, MediaPipe) take one bilinear sample; the face calibration
     * ({@code docs/faces-calibration.md}) is unchanged by it.
     */
    AREA_SAMPLED_3X3_OR_BILINEAR(3),
    /**
     * TensorFlow's {@code resizeBilinear} with {@code alignCorners = true}: the corner pixels of
     * the source land on the corner pixels of the input, output pixel {@code o} samples source
     * position {@code o · (source − 1) / (target − 1)}, and nothing is averaged. What TF.js models
     * such as nsfwjs are fed by their own JavaScript, so reproducing it reproduces their scores.
     * Only for letterboxes without padding ({@link Letterbox#stretch}).
     */
    BILINEAR_ALIGN_CORNERS(0),
    /**
     * Pillow's bicubic resize, bit for bit (an antialiased bicubic kernel, 8-bit rounding after
     * each pass), then the letterbox's crop: what Hugging Face image processors such as CLIP's
     * feed their models. For letterboxes made by {@link Letterbox#centreCrop}.
     */
    BICUBIC_PILLOW(0);

    private final int areaSamples;

    Resampling(int areaSamples) {
        this.areaSamples = areaSamples;
    }

    /** @return most source pixels averaged per axis when shrinking more than 2×; 0 when all of them are */
    int areaSamples() {
        return areaSamples;
    }
}
