package io.visionpipeline.core.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds an ONNX model in memory and writes it in the real ONNX protobuf format, ready for ONNX
 * Runtime. Nodes are added in topological order (an input must exist before a node uses it), so
 * the graph is valid by construction; the same calls always give the same bytes.
 *
 * <p>The TF.js importer writes its models with it, and tests use it to make tiny models of any
 * shape, for example a CLIP-like image tower:
 *
 * <pre>{@code
 * OnnxGraph g = OnnxGraph.create("tiny-clip-image");
 * String pixels = g.input("pixel_values", OnnxDataType.FLOAT, -1, 3, 8, 8);   // -1: any batch size
 * String flat = g.op("Flatten").input(pixels).attr("axis", 1).output();
 * String proj = g.initializer("projection", TensorData.floats(new long[] {192, 4}, weights));
 * String embeds = g.op("MatMul").input(flat, proj).output();
 * String unit = g.op("LpNormalization").input(embeds).attr("axis", -1).attr("p", 2).output("image_embeds");
 * g.output(unit, OnnxDataType.FLOAT, -1, 4);
 * Files.write(dir.resolve("image.onnx"), g.toModelBytes());
 * }</pre>
 *
 * @since 0.1
 */
public final class OnnxGraph {
    /** The ONNX operator set written by default. */
    public static final int DEFAULT_OPSET = 18;
    /** The ONNX IR version written (IR 8 covers operator set 18). */
    public static final int IR_VERSION = 8;

    private static final int ATTR_FLOAT = 1;
    private static final int ATTR_INT = 2;
    private static final int ATTR_STRING = 3;
    private static final int ATTR_TENSOR = 4;
    private static final int ATTR_FLOATS = 6;
    private static final int ATTR_INTS = 7;

    private final String name;
    private int opset = DEFAULT_OPSET;
    private String docString = "";
    private final Map<String, String> metadata = new LinkedHashMap<>();
    private final List<ValueInfo> inputs = new ArrayList<>();
    private final List<ValueInfo> outputs = new ArrayList<>();
    private final Map<String, TensorData> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final Set<String> values = new HashSet<>();
    private final Set<String> reserved = new HashSet<>();
    private final Map<String, Integer> nextSuffix = new HashMap<>();

    private OnnxGraph(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * @param name the graph's name
     * @return an empty graph
     */
    public static OnnxGraph create(String name) {
        return new OnnxGraph(name);
    }

    /**
     * @param version the default-domain operator set version (default {@value #DEFAULT_OPSET})
     * @return this graph
     */
    public OnnxGraph opset(int version) {
        if (version < 7) {
            throw new IllegalArgumentException("operator sets before 7 are not supported: " + version);
        }
        this.opset = version;
        return this;
    }

    /**
     * @param text a description stored in the model
     * @return this graph
     */
    public OnnxGraph docString(String text) {
        this.docString = Objects.requireNonNull(text, "text");
        return this;
    }

    /**
     * @param key   metadata key
     * @param value metadata value
     * @return this graph
     */
    public OnnxGraph metadata(String key, String value) {
        metadata.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * Declares a graph input.
     *
     * @param name its name (must be unused)
     * @param type element type
     * @param dims dimensions; -1 for a dimension of any size
     * @return the name
     */
    public String input(String name, OnnxDataType type, long... dims) {
        define(name);
        inputs.add(new ValueInfo(name, Objects.requireNonNull(type, "type"), dims.clone()));
        return name;
    }

    /**
     * Declares an existing value as a graph output.
     *
     * @param name a value of the graph
     * @param type element type
     * @param dims dimensions, -1 for unknown ones; null when even the rank is unknown
     * @return this graph
     */
    public OnnxGraph output(String name, OnnxDataType type, long... dims) {
        requireValue(name);
        outputs.add(new ValueInfo(name, Objects.requireNonNull(type, "type"), dims == null ? null : dims.clone()));
        return this;
    }

    /**
     * Adds a constant tensor.
     *
     * @param nameHint preferred name; a suffix is added when it is taken
     * @param value    the tensor
     * @return the initializer's name
     */
    public String initializer(String nameHint, TensorData value) {
        String unique = uniqueName(nameHint);
        define(unique);
        initializers.put(unique, Objects.requireNonNull(value, "value"));
        return unique;
    }

    /**
     * Starts a node; finish it with one of the builder's {@code output} methods.
     *
     * @param opType an ONNX operator, e.g. {@code Conv}
     * @return the node builder
     */
    public NodeBuilder op(String opType) {
        return new NodeBuilder(Objects.requireNonNull(opType, "opType"));
    }

    /**
     * Keeps a name free: generated names avoid it until a value is given exactly that name (for
     * example the graph outputs of a converted model, added last).
     *
     * @param valueName a name to keep free
     * @return this graph
     */
    public OnnxGraph reserve(String valueName) {
        if (!values.contains(Objects.requireNonNull(valueName, "valueName"))) {
            reserved.add(valueName);
        }
        return this;
    }

    /**
     * @param hint a preferred name
     * @return the hint, or the hint with a numeric suffix, unused (and not reserved) in this graph
     */
    public String uniqueName(String hint) {
        String base = hint == null || hint.isBlank() ? "v" : hint;
        if (!values.contains(base) && !reserved.contains(base)) {
            return base;
        }
        int n = nextSuffix.getOrDefault(base, 1);
        while (values.contains(base + "_" + n) || reserved.contains(base + "_" + n)) {
            n++;
        }
        nextSuffix.put(base, n + 1);
        return base + "_" + n;
    }

    /**
     * @param valueName a name
     * @return whether the graph has a value of that name (input, initializer or node output)
     */
    public boolean has(String valueName) {
        return values.contains(valueName);
    }

    /** @return how many nodes of each operator type the graph has, sorted by type */
    public Map<String, Integer> opCounts() {
        Map<String, Integer> counts = new TreeMap<>();
        for (Node n : nodes) {
            counts.merge(n.opType, 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** @return the initializers by name, in the order they were added */
    public Map<String, TensorData> initializers() {
        return Collections.unmodifiableMap(initializers);
    }

    /**
     * @return the model ({@code ModelProto}) in protobuf form
     * @throws IllegalStateException when the graph has no output
     */
    public byte[] toModelBytes() {
        if (outputs.isEmpty()) {
            throw new IllegalStateException("graph '" + name + "' has no output");
        }
        ProtoWriter graph = new ProtoWriter();
        for (Node n : nodes) {
            graph.message(1, n.encode());
        }
        graph.string(2, name);
        for (Map.Entry<String, TensorData> e : initializers.entrySet()) {
            graph.message(5, encodeTensor(e.getKey(), e.getValue()));
        }
        if (!docString.isEmpty()) {
            graph.string(10, docString);
        }
        for (ValueInfo v : inputs) {
            graph.message(11, v.encode());
        }
        for (ValueInfo v : outputs) {
            graph.message(12, v.encode());
        }
        ProtoWriter model = new ProtoWriter();
        model.varint(1, IR_VERSION);
        model.string(2, "visionpipeline");
        if (!docString.isEmpty()) {
            model.string(6, docString);
        }
        model.message(7, graph);
        ProtoWriter opsetId = new ProtoWriter();
        opsetId.varint(2, opset);
        model.message(8, opsetId);
        for (Map.Entry<String, String> e : metadata.entrySet()) {
            ProtoWriter entry = new ProtoWriter();
            entry.string(1, e.getKey());
            entry.string(2, e.getValue());
            model.message(14, entry);
        }
        return model.toByteArray();
    }

    /**
     * @param out where to write the model
     * @throws IOException when writing fails
     */
    public void writeTo(OutputStream out) throws IOException {
        out.write(toModelBytes());
    }

    private void define(String valueName) {
        Objects.requireNonNull(valueName, "name");
        if (valueName.isEmpty()) {
            throw new IllegalArgumentException("value names must not be empty");
        }
        if (!values.add(valueName)) {
            throw new IllegalArgumentException("graph '" + name + "' already has a value named '" + valueName + "'");
        }
        reserved.remove(valueName);
    }

    private void requireValue(String valueName) {
        if (!values.contains(valueName)) {
            throw new IllegalArgumentException("graph '" + name + "' has no value named '" + valueName + "'");
        }
    }

    private static ProtoWriter encodeTensor(String tensorName, TensorData t) {
        ProtoWriter w = new ProtoWriter();
        if (t.rank() > 0) {
            w.packedVarints(1, t.shape());
        }
        w.varint(2, t.type().code());
        if (tensorName != null) {
            w.string(8, tensorName);
        }
        w.bytes(9, t.rawBytes());
        return w;
    }

    /** Adds one node: inputs, attributes, then its outputs. */
    public final class NodeBuilder {
        private final String opType;
        private final List<String> nodeInputs = new ArrayList<>();
        private final List<ProtoWriter> attributes = new ArrayList<>();
        private final Set<String> attributeNames = new HashSet<>();
        private String nodeName;

        private NodeBuilder(String opType) {
            this.opType = opType;
        }

        /**
         * @param names values of the graph, in the operator's input order; {@code ""} skips an
         *              optional input
         * @return this builder
         */
        public NodeBuilder input(String... names) {
            for (String n : names) {
                if (!n.isEmpty()) {
                    requireValue(n);
                }
                nodeInputs.add(n);
            }
            return this;
        }

        /**
         * @param names values of the graph
         * @return this builder
         */
        public NodeBuilder inputs(List<String> names) {
            return input(names.toArray(String[]::new));
        }

        /**
         * @param name the base of the node's generated output names; the node is named after its
         *             first output, so node names stay unique
         * @return this builder
         */
        public NodeBuilder name(String name) {
            this.nodeName = name;
            return this;
        }

        /**
         * @param name  attribute name
         * @param value an integer attribute
         * @return this builder
         */
        public NodeBuilder attr(String name, long value) {
            return attribute(name, ATTR_INT, a -> a.varint(3, value));
        }

        /**
         * @param name  attribute name
         * @param value a float attribute
         * @return this builder
         */
        public NodeBuilder attr(String name, float value) {
            return attribute(name, ATTR_FLOAT, a -> a.float32(2, value));
        }

        /**
         * @param name  attribute name
         * @param value a string attribute
         * @return this builder
         */
        public NodeBuilder attr(String name, String value) {
            return attribute(name, ATTR_STRING, a -> a.string(4, value));
        }

        /**
         * @param name  attribute name
         * @param value a tensor attribute
         * @return this builder
         */
        public NodeBuilder attr(String name, TensorData value) {
            return attribute(name, ATTR_TENSOR, a -> a.message(5, encodeTensor(null, value)));
        }

        /**
         * @param name   attribute name
         * @param values an integer-list attribute
         * @return this builder
         */
        public NodeBuilder ints(String name, long... values) {
            return attribute(name, ATTR_INTS, a -> a.packedVarints(8, values));
        }

        /**
         * @param name   attribute name
         * @param values a float-list attribute
         * @return this builder
         */
        public NodeBuilder floats(String name, float... values) {
            return attribute(name, ATTR_FLOATS, a -> a.packedFloats(7, values));
        }

        /** @return the name of the node's single output, generated */
        public String output() {
            return outputs(1).get(0);
        }

        /**
         * @param outputName the name of the node's single output (must be unused)
         * @return that name
         */
        public String output(String outputName) {
            define(outputName);
            add(List.of(outputName));
            return outputName;
        }

        /**
         * @param count how many outputs the node has
         * @return their generated names
         */
        public List<String> outputs(int count) {
            String base = nodeName != null ? nodeName : opType;
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String n = uniqueName(count == 1 ? base : base + ":" + i);
                define(n);
                names.add(n);
            }
            add(names);
            return names;
        }

        private void add(List<String> names) {
            // a named node takes the (unique) name of its first output
            String unique = nodeName == null ? null : names.get(0);
            nodes.add(new Node(opType, unique, List.copyOf(nodeInputs), names, List.copyOf(attributes)));
        }

        /** Adds an {@code AttributeProto}: its name, its type, then the value field {@code value} writes. */
        private NodeBuilder attribute(String attrName, int type, Consumer<ProtoWriter> value) {
            if (!attributeNames.add(attrName)) {
                throw new IllegalArgumentException(opType + " attribute '" + attrName + "' set twice");
            }
            ProtoWriter a = new ProtoWriter();
            a.string(1, attrName);
            a.varint(20, type);
            value.accept(a);
            attributes.add(a);
            return this;
        }
    }

    private record Node(String opType, String name, List<String> inputs, List<String> outputs, List<ProtoWriter> attributes) {
        ProtoWriter encode() {
            ProtoWriter w = new ProtoWriter();
            for (String i : inputs) {
                w.string(1, i);
            }
            for (String o : outputs) {
                w.string(2, o);
            }
            if (name != null) {
                w.string(3, name);
            }
            w.string(4, opType);
            for (ProtoWriter a : attributes) {
                w.message(5, a);
            }
            return w;
        }
    }

    private record ValueInfo(String name, OnnxDataType type, long[] dims) {
        ProtoWriter encode() {
            ProtoWriter tensor = new ProtoWriter();
            tensor.varint(1, type.code());
            if (dims != null) {
                ProtoWriter shape = new ProtoWriter();
                for (long d : dims) {
                    ProtoWriter dim = new ProtoWriter();
                    if (d >= 0) {
                        dim.varint(1, d);
                    }
                    shape.message(1, dim);
                }
                tensor.message(2, shape);
            }
            ProtoWriter typeProto = new ProtoWriter();
            typeProto.message(1, tensor);
            ProtoWriter w = new ProtoWriter();
            w.string(1, name);
            w.message(2, typeProto);
            return w;
        }

        @Override
        public String toString() {
            return name + ":" + type + (dims == null ? "[?]" : Arrays.toString(dims));
        }
    }
}
