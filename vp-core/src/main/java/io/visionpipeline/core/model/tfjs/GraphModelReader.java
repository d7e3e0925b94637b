package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionpipeline.core.onnx.TensorData;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a TF.js graph model ({@code "format": "graph-model"}: a frozen TensorFlow GraphDef) into a
 * {@link TfGraph}. The outputs are the signature's outputs when the model has a signature (in
 * {@code signature} or {@code userDefinedMetadata.signature}), named by their signature keys as
 * TF.js names them ({@code :0} dropped); else the nodes nothing consumes, named after the node.
 */
final class GraphModelReader {
    private GraphModelReader() {
    }

    static TfGraph read(TfjsArtifacts artifacts) {
        String source = artifacts.file().getFileName().toString();
        JsonNode topology = artifacts.model().path("modelTopology");
        JsonNode nodeList = topology.path("node");
        if (!nodeList.isArray() || nodeList.isEmpty()) {
            throw new TfjsImportException("Malformed TF.js graph model " + artifacts.file() + ": 'modelTopology.node' is missing or empty");
        }
        List<TfNode> nodes = new ArrayList<>();
        Map<String, TensorData> constants = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (JsonNode n : nodeList) {
            String name = n.path("name").asText(null);
            String op = n.path("op").asText(null);
            if (name == null || op == null) {
                throw new TfjsImportException("Malformed TF.js graph model " + artifacts.file() + ": a node has no name or op: " + abbreviated(n));
            }
            if (!names.add(name)) {
                throw new TfjsImportException("Malformed TF.js graph model " + artifacts.file() + ": two nodes are named '" + name + "'");
            }
            List<String> inputs = new ArrayList<>();
            for (JsonNode in : n.path("input")) {
                String ref = in.asText();
                if (!ref.startsWith("^")) {
                    inputs.add(TfNode.canonical(ref));
                }
            }
            nodes.add(new TfNode(name, op, inputs, TfAttrs.of(n.get("attr"))));
            if (op.equals("Const")) {
                TensorData value = artifacts.weights().get(name);
                if (value == null) {
                    throw new TfjsImportException("TF.js graph model " + artifacts.file() + ": constant node '" + name
                            + "' has no value in the weights manifest");
                }
                constants.put(name, value);
            }
        }
        for (TfNode node : nodes) {
            for (String in : node.inputs()) {
                if (!names.contains(TfNode.nodeOf(in))) {
                    throw new TfjsImportException("Malformed TF.js graph model " + artifacts.file() + ": node '" + node.name()
                            + "' reads '" + in + "', which no node produces");
                }
            }
        }
        return new TfGraph(source, "graph", nodes, constants, outputs(artifacts, nodes, names));
    }

    private static List<TfGraph.Output> outputs(TfjsArtifacts artifacts, List<TfNode> nodes, Set<String> names) {
        JsonNode signature = artifacts.model().path("signature");
        if (signature.isMissingNode()) {
            signature = artifacts.model().path("userDefinedMetadata").path("signature");
        }
        List<TfGraph.Output> outputs = new ArrayList<>();
        for (var it = signature.path("outputs").fields(); it.hasNext(); ) {
            var entry = it.next();
            String tensor = TfNode.canonical(entry.getValue().path("name").asText(entry.getKey()));
            if (!names.contains(TfNode.nodeOf(tensor))) {
                throw new TfjsImportException("TF.js graph model " + artifacts.file() + ": signature output '" + tensor + "' is not a node of the graph");
            }
            outputs.add(new TfGraph.Output(tensor, entry.getKey().replaceFirst(":0$", "")));
        }
        if (outputs.isEmpty()) {
            Set<String> consumed = new HashSet<>();
            nodes.forEach(n -> n.inputs().forEach(i -> consumed.add(TfNode.nodeOf(i))));
            for (TfNode n : nodes) {
                if (!consumed.contains(n.name()) && !n.op().equals("Const") && !n.op().equals("Placeholder")) {
                    outputs.add(new TfGraph.Output(n.name() + ":0", n.name()));
                }
            }
        }
        return outputs;
    }

    private static String abbreviated(JsonNode n) {
        String s = n.toString();
        return s.length() > 120 ? s.substring(0, 120) + "…" : s;
    }
}
