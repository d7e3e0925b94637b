package io.visionpipeline.core.image;

/**
 * How {@link ImageTensors} samples a frame into a model input.
 */
public enum Resampling {
    /**
     * Area averaging when shrinking by more than 2×, bilinear between pixel centres otherwise:
     * the faithful resize, and the default.
     */
    AREA_OR_BILINEAR,
    /**
     * Like {@link #AREA_OR_BILINEAR}, but when shrinking by more than 2× each output pixel
     * averages a grid of at most {@value ImageTensors#AREA_SAMPLES}×{@value ImageTensors#AREA_SAMPLES}
     * evenly spaced source pixels of its area instead of all of them. For small inputs taken from
     * large frames (BlazeFace's 128×128 from 720p or 1080p), where exact averaging reads every
     * source byte and costs more than the model itself; it still low-pass filters, unlike plain
     * bilinear sampling (what TF.js's own BlazeFace does), so small faces do not alias away.
     */
    AREA_SAMPLED_OR_BILINEAR,
    /**
     * TensorFlow's {@code resizeBilinear} with {@code alignCorners = true}: the corner pixels of
     * the source land on the corner pixels of the input, output pixel {@code o} samples source
     * position {@code o · (source − 1) / (target − 1)}, and nothing is averaged. What TF.js models
     * such as nsfwjs are fed by their own JavaScript, so reproducing it reproduces their scores.
     * Only for letterboxes without padding ({@link Letterbox#stretch}).
     */
    BILINEAR_ALIGN_CORNERS,
    /**
     * Pillow's bicubic resize, bit for bit (an antialiased bicubic kernel, 8-bit rounding after
     * each pass), then the letterbox's crop: what Hugging Face image processors such as CLIP's
     * feed their models. For letterboxes made by {@link Letterbox#centreCrop}.
     */
    BICUBIC_PILLOW
}
