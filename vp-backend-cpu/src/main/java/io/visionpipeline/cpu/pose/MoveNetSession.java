package io.visionpipeline.cpu.pose;

import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.Resampling;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;


/**
 * One MoveNet model on ONNX Runtime: packs a region of a frame into the model's int32 NHWC input
 * (whole 0–255 values, rounded after resampling) and returns the raw output, with coordinates in
 * [0, 1] of that input. Thread-safe, as the session is.
 */
final class MoveNetSession implements AutoCloseable {
    private static final String INPUT = "input";

    private final MoveNetModel variant;
    private final OnnxModel model;

    private MoveNetSession(MoveNetModel variant, OnnxModel model) {
        this.variant = variant;
        this.model = model;
    }

    static MoveNetSession open(MoveNetModel variant, ModelStore store, OnnxModel.Options options) {
        return new MoveNetSession(variant, OnnxModel.load(variant.modelId(), store.file(variant.modelId(), variant.fileName()), options));
    }

    MoveNetModel variant() {
        return variant;
    }

    /**
     * @param frame the frame
     * @param box   where (part of) it lands in the model input
     * @return the model's output, flattened: {@code y, x, score} per keypoint (single pose), or
     *         per person 17 such triples then {@code ymin, xmin, ymax, xmax, score} (MultiPose)
     */
    float[] run(ImageFrame frame, Letterbox box) {
        long[] shape = {1, box.targetHeight(), box.targetWidth(), 3};
        return model.runInt32(INPUT, shape,
                input -> ImageTensors.pack(frame, box, Resampling.AREA_SAMPLED_OR_BILINEAR, Normalization.RAW, TensorLayout.NHWC, input, 0),
                out -> model.floats(out, variant.output()));
    }

    @Override
    public void close() {
        model.close();
    }
}
