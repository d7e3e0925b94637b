package io.visionpipeline.core.model.tfjs;

import java.util.List;

/** Converts one TensorFlow op into ONNX nodes. */
@FunctionalInterface
interface OpConverter {
    /**
     * @param node   the TensorFlow node
     * @param inputs its input tensors
     * @param c      the conversion in progress
     * @return its output tensors, in order
     */
    List<Value> convert(TfNode node, List<Value> inputs, Conversion c);
}
