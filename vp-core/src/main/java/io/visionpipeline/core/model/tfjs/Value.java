package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.TensorData;

/**
 * One TensorFlow tensor during conversion: its type, its TensorFlow (NHWC) shape, and the ONNX
 * values that hold it, in TensorFlow layout and/or channels-first layout (NCHW, rank 4 only).
 * A tensor computed by a convolution lives channels-first; it is transposed back only when an
 * operation needs the TensorFlow layout, once, and the transpose is remembered.
 */
final class Value {
    final String name;
    final OnnxDataType type;
    /** TensorFlow shape; -1 for an unknown dimension; null when the rank is unknown. */
    final long[] shape;
    final TensorData constant;
    /** Whether the value was computed channels-first. */
    final boolean channelsFirst;
    String plainName;
    String channelsFirstName;

    private Value(String name, OnnxDataType type, long[] shape, TensorData constant, boolean channelsFirst, String onnxName) {
        this.name = name;
        this.type = type;
        this.shape = shape;
        this.constant = constant;
        this.channelsFirst = channelsFirst;
        if (channelsFirst) {
            this.channelsFirstName = onnxName;
        } else {
            this.plainName = onnxName;
        }
    }

    static Value plain(String name, OnnxDataType type, long[] shape, String onnxName) {
        return new Value(name, type, shape, null, false, onnxName);
    }

    static Value channelsFirst(String name, OnnxDataType type, long[] shape, String onnxName) {
        if (shape == null || shape.length != 4) {
            throw new IllegalStateException("channels-first values have rank 4: " + name);
        }
        return new Value(name, type, shape, null, true, onnxName);
    }

    static Value constant(String name, TensorData data) {
        return new Value(name, data.type(), data.shape(), data, false, null);
    }

    boolean isConstant() {
        return constant != null;
    }

    /** @return the rank, or -1 when unknown */
    int rank() {
        return shape == null ? -1 : shape.length;
    }

    @Override
    public String toString() {
        return name + ":" + type + (shape == null ? "[?]" : java.util.Arrays.toString(shape)) + (channelsFirst ? " (NCHW)" : "");
    }
}
