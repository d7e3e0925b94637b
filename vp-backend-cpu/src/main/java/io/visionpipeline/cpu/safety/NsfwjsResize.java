package io.visionpipeline.cpu.safety;

import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.Resampling;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.media.ImageFrame;

import java.util.Locale;

/**
 * How a frame becomes nsfwjs's 224×224 input.
 */
public enum NsfwjsResize {
    /**
     * Aspect kept, centred, black padding, area-averaged (at most 4×4 pixels sampled per input pixel) when shrunk (the default). On 120 safe
     * test pictures it flagged 2 with {@code mobilenet-v2}, against 5 for {@link #NSFWJS}, which
     * squashes a wide photograph of a footballer until it reads as "sexy" (see docs/pose-safety.md).
     */
    LETTERBOX,
    /**
     * Exactly what nsfwjs's {@code classify()} does: the whole frame squashed to 224×224 by
     * TensorFlow's {@code resizeBilinear} with aligned corners, no averaging. Scores equal those of
     * a nsfwjs deployment.
     */
    NSFWJS;

    /**
     * @param option {@code letterbox} or {@code nsfwjs}
     * @return the resize
     * @throws IllegalArgumentException for anything else
     */
    public static NsfwjsResize fromOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "letterbox" -> LETTERBOX;
            case "nsfwjs" -> NSFWJS;
            default -> throw new IllegalArgumentException("Option 'resize' must be letterbox or nsfwjs, got '" + option + "'");
        };
    }

    /**
     * Writes one frame into nsfwjs's input.
     *
     * @param frame  the frame
     * @param norm   pixel normalisation: {@link Normalization#ZERO_TO_ONE} for the model
     * @param out    the batch input
     * @param offset where this frame's 224×224×3 values start
     */
    void pack(ImageFrame frame, Normalization norm, float[] out, int offset) {
        int size = NsfwjsModel.INPUT_SIZE;
        Letterbox box = this == LETTERBOX ? Letterbox.fit(frame.width(), frame.height(), size, size)
                : Letterbox.stretch(frame.width(), frame.height(), size, size);
        ImageTensors.pack(frame, box, this == LETTERBOX ? Resampling.AREA_SAMPLED_OR_BILINEAR : Resampling.BILINEAR_ALIGN_CORNERS,
                norm, TensorLayout.NHWC, out, offset);
    }
}
