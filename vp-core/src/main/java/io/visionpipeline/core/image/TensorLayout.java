package io.visionpipeline.core.image;

/** Memory order of one image in a model input tensor. */
public enum TensorLayout {
    /** Height, width, channels: TensorFlow, TF.js, MediaPipe models. */
    NHWC,
    /** Channels, height, width: PyTorch and Paddle models. */
    NCHW
}
