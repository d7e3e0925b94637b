package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.TensorData;

import java.util.List;
import java.util.Map;

/**
 * A TF.js model as a TensorFlow graph: its nodes, the values of its {@code Const} nodes, and the
 * tensors it outputs. Graph models are read as they are; layers (Keras) models are translated
 * into the same form.
 *
 * @param source    the model file name, for messages and the ONNX doc string
 * @param kind      {@code graph} or {@code layers}
 * @param nodes     every node, in file order
 * @param constants the values of {@code Const} nodes, by node name
 * @param outputs   the model outputs, in order
 */
record TfGraph(String source, String kind, List<TfNode> nodes, Map<String, TensorData> constants, List<Output> outputs) {
    TfGraph {
        nodes = List.copyOf(nodes);
        constants = Map.copyOf(constants);
        outputs = List.copyOf(outputs);
    }

    /**
     * @param tensor canonical tensor reference {@code node:index}
     * @param name   the name the ONNX model gives it
     */
    record Output(String tensor, String name) {
    }
}
