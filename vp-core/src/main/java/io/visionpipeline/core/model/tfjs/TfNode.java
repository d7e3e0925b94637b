package io.visionpipeline.core.model.tfjs;

import java.util.List;

/**
 * One TensorFlow operation of a TF.js graph.
 *
 * @param name   unique node name
 * @param op     TensorFlow op type, e.g. {@code _FusedConv2D}
 * @param inputs tensor references {@code node:index}, control inputs dropped
 * @param attrs  attributes
 */
record TfNode(String name, String op, List<String> inputs, TfAttrs attrs) {
    TfNode {
        inputs = List.copyOf(inputs);
    }

    /**
     * @param ref a TF tensor reference, {@code node} or {@code node:1}
     * @return it in the canonical {@code node:index} form
     */
    static String canonical(String ref) {
        int colon = ref.lastIndexOf(':');
        if (colon > 0 && colon < ref.length() - 1 && ref.substring(colon + 1).chars().allMatch(Character::isDigit)) {
            return ref;
        }
        return ref + ":0";
    }

    /**
     * @param ref a canonical tensor reference
     * @return the node name
     */
    static String nodeOf(String ref) {
        return ref.substring(0, ref.lastIndexOf(':'));
    }

    /**
     * @param ref a canonical tensor reference
     * @return the output index
     */
    static int indexOf(String ref) {
        return Integer.parseInt(ref.substring(ref.lastIndexOf(':') + 1));
    }
}
