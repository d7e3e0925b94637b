package io.visionpipeline.benchmarks;

import ai.onnxruntime.OnnxTensor;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;

import java.util.List;

/**
 * Model inputs prepared once, for the "bare ONNX Runtime" baselines: the same tensors a stage
 * builds from a frame, so that running them again times inference alone.
 */
public final class BareInputs {
    private BareInputs() {
    }

    /**
     * @param model  the model the tensor is for
     * @param frames the images of the batch
     * @param box    where each lands in the input (all of the same size)
     * @param norm   pixel normalisation
     * @param layout NHWC or NCHW
     * @return a float tensor [frames, …]; the caller closes it
     */
    public static OnnxTensor floats(OnnxModel model, List<ImageFrame> frames, Letterbox box, Normalization norm, TensorLayout layout) {
        int w = box.targetWidth();
        int h = box.targetHeight();
        int image = w * h * 3;
        float[] pixels = new float[frames.size() * image];
        for (int b = 0; b < frames.size(); b++) {
            ImageTensors.pack(frames.get(b), box, norm, layout, pixels, b * image);
        }
        long n = frames.size();
        return model.tensor(pixels, layout == TensorLayout.NHWC ? new long[] {n, h, w, 3} : new long[] {n, 3, h, w});
    }

    /**
     * @param model the model the tensor is for (one int32 NHWC image with 0–255 values, as MoveNet takes)
     * @param frame the image
     * @param box   where it lands in the input
     * @return an int tensor [1, h, w, 3]; the caller closes it
     */
    public static OnnxTensor ints(OnnxModel model, ImageFrame frame, Letterbox box) {
        float[] pixels = new float[box.targetWidth() * box.targetHeight() * 3];
        ImageTensors.pack(frame, box, Normalization.RAW, TensorLayout.NHWC, pixels, 0);
        int[] values = new int[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = Math.round(pixels[i]);
        }
        return model.tensor(values, new long[] {1, box.targetHeight(), box.targetWidth(), 3});
    }
}
