package io.visionpipeline.cpu.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.Resampling;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.model.ModelUnavailableException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Hugging Face's {@code CLIPImageProcessor}, step for step: Pillow's bicubic resize of the
 * shorter side to {@code shortest_edge} (224), the centred {@code crop_size} crop (224×224),
 * pixels divided by 255, minus CLIP's mean, over its standard deviation, channels first. Sizes,
 * mean and deviation come from the model folder's {@code preprocessor_config.json} when it has one.
 *
 * @param shortSide the shorter side after resizing
 * @param cropSize  the square crop, the model's input side
 * @param mean      per-channel mean, RGB
 * @param std       per-channel standard deviation, RGB
 */
public record ClipImageProcessor(int shortSide, int cropSize, float[] mean, float[] std) {
    /** CLIP's own: 224 px, OpenAI's mean and standard deviation. */
    public static final ClipImageProcessor DEFAULT = new ClipImageProcessor(224, 224,
            new float[] {0.48145466f, 0.4578275f, 0.40821073f}, new float[] {0.26862954f, 0.26130258f, 0.27577711f});
    private static final int PIL_BICUBIC = 3;

    /** Validates the sizes and copies the arrays. */
    public ClipImageProcessor {
        if (cropSize < 1 || cropSize > shortSide) {
            throw new IllegalArgumentException("crop size " + cropSize + " must be from 1 to the resized side " + shortSide);
        }
        mean = mean.clone();
        std = std.clone();
    }

    /**
     * @param config a {@code preprocessor_config.json}, or null for {@link #DEFAULT}
     * @return the processor it describes
     * @throws ModelUnavailableException naming the file when it cannot be read or asks for what this processor does not do
     */
    public static ClipImageProcessor fromConfig(Path config) {
        if (config == null) {
            return DEFAULT;
        }
        try {
            JsonNode json = new ObjectMapper().readTree(config.toFile());
            if (json.path("resample").asInt(PIL_BICUBIC) != PIL_BICUBIC || !json.path("do_center_crop").asBoolean(true)
                    || !json.path("do_resize").asBoolean(true)) {
                throw new ModelUnavailableException("clip", config + " asks for another resize than bicubic with a centre crop, "
                        + "which the CLIP image processor does not do");
            }
            int shortSide = size(json.path("size"), "shortest_edge", DEFAULT.shortSide);
            int crop = size(json.path("crop_size"), "height", DEFAULT.cropSize);
            return new ClipImageProcessor(shortSide, crop, floats(json.path("image_mean"), DEFAULT.mean), floats(json.path("image_std"), DEFAULT.std));
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelUnavailableException("clip", "Cannot read the CLIP image settings " + config + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param frame  a frame
     * @param out    the batch input, NCHW
     * @param offset where this frame's {@code 3 × cropSize²} values start
     */
    public void pack(ImageFrame frame, float[] out, int offset) {
        ImageTensors.pack(frame, Letterbox.centreCrop(frame.width(), frame.height(), shortSide, cropSize, cropSize),
                Resampling.BICUBIC_PILLOW, Normalization.meanStd(mean, std), TensorLayout.NCHW, out, offset);
    }

    private static int size(JsonNode node, String field, int fallback) {
        if (node.isInt()) {
            return node.asInt();
        }
        return node.path(field).asInt(fallback);
    }

    private static float[] floats(JsonNode node, float[] fallback) {
        if (!node.isArray()) {
            return fallback;
        }
        if (node.size() != 3) {
            throw new IllegalArgumentException("expected 3 values, got " + node);
        }
        return new float[] {(float) node.get(0).asDouble(), (float) node.get(1).asDouble(), (float) node.get(2).asDouble()};
    }
}
