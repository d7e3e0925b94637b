package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Turns a {@link TfGraph} into an {@link OnnxGraph}: visits the nodes the outputs need in
 * dependency order and lets each op's {@link OpConverter} emit ONNX nodes. Holds what the op
 * converters share: the tensors converted so far, layout changes (each transpose made once, and
 * constants permuted at conversion time instead), and deduplicated integer constants.
 *
 * <p>Layout: TensorFlow.js models are NHWC; ONNX convolutions are NCHW. Convolutions and
 * pooling read their input channels-first and leave their output channels-first; element-wise
 * operations, padding, concatenation, resizing and reductions keep working channels-first when
 * their operands allow it (constant operands are permuted here, not at run time); every other
 * operation gets the tensor back in TensorFlow layout. So a chain of convolutions has one
 * transpose at its start and one where TensorFlow-layout code reads its result.
 */
final class Conversion {
    /** Transpose permutation from NHWC to NCHW. */
    static final int[] TO_CHANNELS_FIRST = {0, 3, 1, 2};
    /** Transpose permutation from NCHW to NHWC; also maps an NHWC axis to its NCHW position. */
    static final int[] TO_CHANNELS_LAST = {0, 2, 3, 1};

    final OnnxGraph graph;
    private final String source;
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, String> int64Constants = new HashMap<>();

    private Conversion(OnnxGraph graph, String source) {
        this.graph = graph;
        this.source = source;
    }

    /**
     * @param tf  the TensorFlow graph
     * @param ops converters by TensorFlow op type
     * @return the ONNX graph
     * @throws TfjsImportException naming the node and op that cannot be converted
     */
    static OnnxGraph convert(TfGraph tf, Map<String, OpConverter> ops) {
        String name = tf.source().replaceAll("(\\.min)?\\.(json|js)$", "");
        OnnxGraph graph = OnnxGraph.create(name)
                .docString("Converted by VisionPipeline from the TF.js " + tf.kind() + " model " + tf.source());
        if (tf.outputs().isEmpty()) {
            throw new TfjsImportException("TF.js model " + tf.source() + " has no outputs (no signature, and every node is consumed)");
        }
        Conversion c = new Conversion(graph, tf.source());
        Map<String, TfNode> byName = new HashMap<>();
        tf.nodes().forEach(n -> byName.put(n.name(), n));
        tf.outputs().forEach(o -> graph.reserve(o.name()));
        List<TfNode> order = c.dependencyOrder(tf, byName);
        Set<TfNode> needed = new LinkedHashSet<>(order);
        for (TfNode n : tf.nodes()) {
            if (n.op().equals("Placeholder") && needed.contains(n)) {
                c.declareInput(n);
            }
        }
        for (TfNode n : order) {
            if (n.op().equals("Placeholder")) {
                continue;
            }
            if (n.op().equals("Const")) {
                c.values.put(n.name() + ":0", Value.constant(n.name(), tf.constants().get(n.name())));
                continue;
            }
            OpConverter converter = ops.get(n.op());
            if (converter == null) {
                throw new TfjsImportException("Unsupported TF.js op '" + n.op() + "' in node '" + n.name() + "' of " + tf.source()
                        + "; supported ops: " + new TreeSet<>(ops.keySet()));
            }
            List<Value> inputs = n.inputs().stream().map(ref -> c.value(n, ref)).toList();
            List<Value> outputs;
            try {
                outputs = converter.convert(n, inputs, c);
            } catch (TfjsImportException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new TfjsImportException("Cannot convert node '" + n.name() + "' (op " + n.op() + ") of " + tf.source()
                        + ": " + e.getMessage(), e);
            }
            for (int i = 0; i < outputs.size(); i++) {
                c.values.put(n.name() + ":" + i, outputs.get(i));
            }
        }
        for (TfGraph.Output o : tf.outputs()) {
            Value v = c.value(byName.get(TfNode.nodeOf(o.tensor())), o.tensor());
            graph.op("Identity").input(c.plain(v)).output(o.name());
            graph.output(o.name(), v.type, v.shape);
        }
        return graph;
    }

    private List<TfNode> dependencyOrder(TfGraph tf, Map<String, TfNode> byName) {
        List<TfNode> order = new ArrayList<>();
        Map<String, Integer> state = new HashMap<>();
        Deque<int[]> positions = new ArrayDeque<>();
        Deque<TfNode> stack = new ArrayDeque<>();
        for (TfGraph.Output o : tf.outputs()) {
            TfNode root = byName.get(TfNode.nodeOf(o.tensor()));
            if (state.containsKey(root.name())) {
                continue;
            }
            state.put(root.name(), 1);
            stack.push(root);
            positions.push(new int[] {0});
            while (!stack.isEmpty()) {
                TfNode node = stack.peek();
                int[] next = positions.peek();
                if (next[0] < node.inputs().size()) {
                    TfNode child = byName.get(TfNode.nodeOf(node.inputs().get(next[0]++)));
                    Integer s = state.get(child.name());
                    if (s == null) {
                        state.put(child.name(), 1);
                        stack.push(child);
                        positions.push(new int[] {0});
                    } else if (s == 1) {
                        throw new TfjsImportException("The graph of " + source + " has a cycle through node '" + child.name()
                                + "' (control flow is not supported)");
                    }
                } else {
                    stack.pop();
                    positions.pop();
                    state.put(node.name(), 2);
                    order.add(node);
                }
            }
        }
        return order;
    }

    private void declareInput(TfNode n) {
        OnnxDataType type = dataType(n, n.attrs().type("dtype"));
        long[] shape = n.attrs().shape("shape");
        if (shape == null) {
            throw new TfjsImportException("Input '" + n.name() + "' of " + source + " has no known rank; the importer needs input ranks");
        }
        values.put(n.name() + ":0", Value.plain(n.name(), type, shape, graph.input(n.name(), type, shape)));
    }

    private Value value(TfNode consumer, String ref) {
        Value v = values.get(ref);
        if (v == null) {
            throw new TfjsImportException("Node '" + consumer.name() + "' of " + source + " reads output " + TfNode.indexOf(ref)
                    + " of node '" + TfNode.nodeOf(ref) + "', which the importer does not produce");
        }
        return v;
    }

    /**
     * @param node a node, for messages
     * @param dt   a TensorFlow type name, e.g. {@code DT_FLOAT}
     * @return the ONNX type
     */
    OnnxDataType dataType(TfNode node, String dt) {
        OnnxDataType type = dt == null ? null : switch (dt) {
            case "DT_FLOAT" -> OnnxDataType.FLOAT;
            case "DT_INT32" -> OnnxDataType.INT32;
            case "DT_INT64" -> OnnxDataType.INT64;
            case "DT_BOOL" -> OnnxDataType.BOOL;
            case "DT_HALF" -> OnnxDataType.FLOAT16;
            case "DT_DOUBLE" -> OnnxDataType.DOUBLE;
            case "DT_UINT8" -> OnnxDataType.UINT8;
            case "DT_INT8" -> OnnxDataType.INT8;
            case "DT_UINT16" -> OnnxDataType.UINT16;
            case "DT_INT16" -> OnnxDataType.INT16;
            default -> null;
        };
        if (type == null) {
            throw unsupported(node, "its data type " + dt + " is not supported");
        }
        return type;
    }

    /**
     * @param node   the node, for messages
     * @param detail what about it is not supported
     * @return the exception to throw
     */
    TfjsImportException unsupported(TfNode node, String detail) {
        return new TfjsImportException("Unsupported use of TF.js op '" + node.op() + "' in node '" + node.name() + "' of "
                + source + ": " + detail);
    }

    // ---- tensors in the layouts ops need

    /** @return the ONNX value holding {@code v} in TensorFlow layout, transposing (once) if needed */
    String plain(Value v) {
        if (v.plainName == null) {
            v.plainName = v.isConstant()
                    ? graph.initializer(v.name, v.constant)
                    : graph.op("Transpose").name(v.name + "/nhwc").input(v.channelsFirstName).ints("perm", toLongs(TO_CHANNELS_LAST)).output();
        }
        return v.plainName;
    }

    /**
     * @return the ONNX value holding {@code v} channels-first: a rank-4 tensor transposed (once),
     *         or a constant of rank up to 4 permuted so it broadcasts against channels-first
     *         tensors as it did against NHWC ones
     */
    String channelsFirst(Value v) {
        if (v.channelsFirstName == null) {
            if (v.isConstant()) {
                v.channelsFirstName = graph.initializer(v.name + "/nchw", channelsFirstConstant(v.constant));
            } else {
                if (v.rank() != 4) {
                    throw new IllegalStateException("only rank-4 tensors go channels-first: " + v);
                }
                v.channelsFirstName = graph.op("Transpose").name(v.name + "/nchw").input(v.plainName)
                        .ints("perm", toLongs(TO_CHANNELS_FIRST)).output();
            }
        }
        return v.channelsFirstName;
    }

    private static TensorData channelsFirstConstant(TensorData t) {
        if (t.rank() == 0) {
            return t;
        }
        long[] shape = t.shape();
        long[] four = new long[4];
        Arrays.fill(four, 1);
        System.arraycopy(shape, 0, four, 4 - shape.length, shape.length);
        TensorData permuted = t.reshape(four).transpose(TO_CHANNELS_FIRST);
        long[] p = permuted.shape();
        int lead = 0;
        while (lead < 3 && p[lead] == 1 && lead < 4 - shape.length) {
            lead++;
        }
        return permuted.reshape(Arrays.copyOfRange(p, lead, 4));
    }

    /**
     * Whether an element-wise operation on these operands should run channels-first: some operand
     * was computed channels-first, every computed operand has rank 4 and every constant can be
     * permuted (rank up to 4).
     */
    boolean prefersChannelsFirst(List<Value> operands) {
        boolean any = false;
        for (Value v : operands) {
            if (v.isConstant()) {
                if (v.rank() > 4) {
                    return false;
                }
            } else if (v.rank() != 4) {
                return false;
            } else {
                any |= v.channelsFirst;
            }
        }
        return any;
    }

    /**
     * Emits an element-wise (broadcasting) ONNX operator in the layout its operands prefer.
     *
     * @param node     the TensorFlow node (names the output)
     * @param onnxOp   the ONNX operator
     * @param operands the operands
     * @param outType  the result type
     * @param attrs    sets attributes on the node
     * @return the result
     */
    Value elementwise(TfNode node, String onnxOp, List<Value> operands, OnnxDataType outType, UnaryOperator<OnnxGraph.NodeBuilder> attrs) {
        boolean cf = prefersChannelsFirst(operands);
        OnnxGraph.NodeBuilder b = graph.op(onnxOp).name(node.name());
        long[] shape = operands.get(0).shape;
        for (Value v : operands) {
            b.input(cf ? channelsFirst(v) : plain(v));
            shape = Shapes.broadcast(shape, v.shape);
        }
        String out = attrs.apply(b).output();
        return cf ? Value.channelsFirst(node.name(), outType, shape, out) : Value.plain(node.name(), outType, shape, out);
    }

    /** @return an element-wise operator whose result has the type of its first operand */
    Value elementwise(TfNode node, String onnxOp, Value... operands) {
        return elementwise(node, onnxOp, List.of(operands), operands[0].type, b -> b);
    }

    /** @return a plain (TensorFlow layout) result named after the node */
    Value plainResult(TfNode node, OnnxDataType type, long[] shape, String onnxName) {
        return Value.plain(node.name(), type, shape, onnxName);
    }

    // ---- constants

    /**
     * @param node the node, for messages
     * @param v    one of its inputs
     * @param role what the input is, e.g. {@code "the filter"}
     * @return its value
     * @throws TfjsImportException when the input is computed at run time
     */
    TensorData constant(TfNode node, Value v, String role) {
        if (!v.isConstant()) {
            throw unsupported(node, role + " must be a constant, but it is computed by the graph");
        }
        return v.constant;
    }

    /** @return an integer constant input's values */
    long[] constantLongs(TfNode node, Value v, String role) {
        return constant(node, v, role).toLongs();
    }

    /** @return an INT64 vector initializer, shared by equal vectors */
    String int64(long... values) {
        return int64Constants.computeIfAbsent(Arrays.toString(values), k -> graph.initializer("const_i64", TensorData.vector(values)));
    }

    /** @return a scalar initializer of the given numeric type */
    String scalar(OnnxDataType type, double value, String hint) {
        TensorData t = switch (type) {
            case FLOAT -> TensorData.scalar((float) value);
            case INT32 -> TensorData.ints(new long[0], (int) value);
            case INT64 -> TensorData.longs(new long[0], (long) value);
            default -> throw new IllegalArgumentException("no scalar constants of type " + type);
        };
        return graph.initializer(hint, t);
    }

    /** @return {@code v} as an INT64 tensor in TensorFlow layout (folded for constants) */
    String int64(Value v) {
        if (v.isConstant()) {
            return int64Constants.computeIfAbsent(v.name + "#i64", k -> graph.initializer(v.name, v.constant.toIntegerType(OnnxDataType.INT64)));
        }
        return v.type == OnnxDataType.INT64 ? plain(v) : cast(plain(v), OnnxDataType.INT64, v.name);
    }

    /** @return a Cast node's output */
    String cast(String input, OnnxDataType to, String hint) {
        return graph.op("Cast").name(hint).input(input).attr("to", to.code()).output();
    }

    static long[] toLongs(int[] values) {
        return Arrays.stream(values).asLongStream().toArray();
    }
}
