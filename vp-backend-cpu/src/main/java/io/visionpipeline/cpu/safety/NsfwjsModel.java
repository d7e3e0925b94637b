package io.visionpipeline.cpu.safety;

import java.util.Locale;

/**
 * The two nsfwjs models (MIT, GantMan's NSFW model trained on about 60,000 images), converted from
 * the TF.js files in npm {@code nsfwjs@4.3.0} by the model store. Both take RGB in [0, 1],
 * 224×224 NHWC, any batch size, and return the five class probabilities.
 */
public enum NsfwjsModel {
    /** MobileNetV2 (Keras layers model): nsfwjs's own default, about 90 % accurate by nsfwjs's account; the default here too. */
    MOBILENET_V2("nsfwjs-mobilenet-v2", "input_1", "dense_3"),
    /**
     * MobileNetV2 "mid" (graph model): about 93 % accurate by nsfwjs's account, a third slower;
     * calls many photographs and pencil sketches alike "drawing" (see docs/pose-safety.md).
     */
    MOBILENET_V2_MID("nsfwjs-mobilenet-v2-mid", "input", "Identity");

    /** The models' input side. */
    public static final int INPUT_SIZE = 224;

    private final String modelId;
    private final String input;
    private final String output;

    NsfwjsModel(String modelId, String input, String output) {
        this.modelId = modelId;
        this.input = input;
        this.output = output;
    }

    /**
     * @param option {@code mobilenet-v2} or {@code mobilenet-v2-mid}
     * @return the model
     * @throws IllegalArgumentException for anything else
     */
    public static NsfwjsModel fromOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "mobilenet-v2-mid" -> MOBILENET_V2_MID;
            case "mobilenet-v2" -> MOBILENET_V2;
            default -> throw new IllegalArgumentException("Option 'model' must be mobilenet-v2 or mobilenet-v2-mid, got '" + option + "'");
        };
    }

    /** @return the model store id */
    public String modelId() {
        return modelId;
    }

    /** @return the ONNX file's name in the model store */
    public String fileName() {
        return modelId + ".onnx";
    }

    String input() {
        return input;
    }

    String output() {
        return output;
    }
}
