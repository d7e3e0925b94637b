package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.OnnxDataType;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Element-wise maths, comparisons, casts, reductions, softmax and arg-max. Element-wise ops keep
 * the layout of their operands (see {@link Conversion}); TensorFlow's broadcasting is numpy's, as
 * ONNX's is.
 */
final class MathOps {
    private MathOps() {
    }

    private static final Map<String, String> UNARY = Map.ofEntries(
            Map.entry("Relu", "Relu"), Map.entry("Tanh", "Tanh"), Map.entry("Exp", "Exp"),
            Map.entry("Log", "Log"), Map.entry("Sqrt", "Sqrt"), Map.entry("Abs", "Abs"), Map.entry("Neg", "Neg"),
            Map.entry("Reciprocal", "Reciprocal"), Map.entry("Inv", "Reciprocal"), Map.entry("Floor", "Floor"),
            Map.entry("Ceil", "Ceil"), Map.entry("Sign", "Sign"), Map.entry("Softplus", "Softplus"), Map.entry("Erf", "Erf"),
            Map.entry("Sin", "Sin"), Map.entry("Cos", "Cos"), Map.entry("LogicalNot", "Not"));

    private static final Map<String, String> BINARY = Map.ofEntries(
            Map.entry("Add", "Add"), Map.entry("AddV2", "Add"), Map.entry("Sub", "Sub"), Map.entry("Mul", "Mul"),
            Map.entry("RealDiv", "Div"), Map.entry("Div", "Div"), Map.entry("Maximum", "Max"), Map.entry("Minimum", "Min"),
            Map.entry("Pow", "Pow"));

    private static final Map<String, String> COMPARISON = Map.of(
            "Less", "Less", "LessEqual", "LessOrEqual", "Greater", "Greater", "GreaterEqual", "GreaterOrEqual",
            "Equal", "Equal", "LogicalAnd", "And", "LogicalOr", "Or");

    private static final Map<String, String> REDUCTIONS = Map.of(
            "Mean", "ReduceMean", "Sum", "ReduceSum", "Max", "ReduceMax", "Min", "ReduceMin", "Prod", "ReduceProd");

    static void register(Map<String, OpConverter> ops) {
        UNARY.forEach((tf, onnx) -> ops.put(tf, (n, in, c) -> List.of(c.elementwise(n, onnx, in.get(0)))));
        BINARY.forEach((tf, onnx) -> ops.put(tf, (n, in, c) -> List.of(c.elementwise(n, onnx, in.get(0), in.get(1)))));
        COMPARISON.forEach((tf, onnx) -> ops.put(tf, (n, in, c) ->
                List.of(c.elementwise(n, onnx, in, OnnxDataType.BOOL, b -> b))));
        REDUCTIONS.forEach((tf, onnx) -> ops.put(tf, (n, in, c) -> List.of(reduce(n, in, c, onnx))));
        ops.put("NotEqual", (n, in, c) -> List.of(c.elementwise(n, "Not",
                c.elementwise(n, "Equal", in, OnnxDataType.BOOL, b -> b))));
        ops.put("Relu6", (n, in, c) -> List.of(relu6(n, in.get(0), c)));
        ops.put("Sigmoid", (n, in, c) -> List.of(sigmoid(n, in.get(0), c)));
        ops.put("LeakyRelu", (n, in, c) -> List.of(c.elementwise(n, "LeakyRelu", List.of(in.get(0)), in.get(0).type,
                b -> b.attr("alpha", n.attrs().f("alpha", 0.2f)))));
        ops.put("Elu", (n, in, c) -> List.of(c.elementwise(n, "Elu", List.of(in.get(0)), in.get(0).type, b -> b.attr("alpha", 1f))));
        ops.put("Rsqrt", (n, in, c) -> List.of(c.elementwise(n, "Reciprocal", c.elementwise(n, "Sqrt", in.get(0)))));
        ops.put("Square", (n, in, c) -> List.of(c.elementwise(n, "Mul", in.get(0), in.get(0))));
        ops.put("SquaredDifference", (n, in, c) -> {
            Value d = c.elementwise(n, "Sub", in.get(0), in.get(1));
            return List.of(c.elementwise(n, "Mul", d, d));
        });
        ops.put("FloorDiv", (n, in, c) -> List.of(floorDiv(n, in.get(0), in.get(1), c)));
        ops.put("AddN", (n, in, c) -> List.of(in.size() == 1 ? in.get(0) : c.elementwise(n, "Sum", in, in.get(0).type, b -> b)));
        ops.put("Cast", (n, in, c) -> {
            OnnxDataType to = c.dataType(n, n.attrs().type("DstT"));
            return List.of(c.elementwise(n, "Cast", List.of(in.get(0)), to, b -> b.attr("to", to.code())));
        });
        ops.put("Softmax", (n, in, c) -> List.of(lastAxis(n, in.get(0), c, "Softmax")));
        ops.put("LogSoftmax", (n, in, c) -> List.of(lastAxis(n, in.get(0), c, "LogSoftmax")));
        ops.put("ArgMax", (n, in, c) -> List.of(argExtreme(n, in, c, "ArgMax")));
        ops.put("ArgMin", (n, in, c) -> List.of(argExtreme(n, in, c, "ArgMin")));
    }

    /** {@code min(max(x, 0), 6)}, as ONNX {@code Clip}. */
    static Value relu6(TfNode n, Value x, Conversion c) {
        String lo = c.scalar(x.type, 0, n.name() + "/zero");
        String hi = c.scalar(x.type, 6, n.name() + "/six");
        return c.elementwise(n, "Clip", List.of(x), x.type, b -> b.input(lo, hi));
    }

    /**
     * The logistic function as TF.js computes it, {@code 1 / (1 + exp(-x))}, written so it neither
     * overflows nor loses tiny values: {@code e = exp(-|x|)}, then {@code 1 / (1 + e)} for
     * {@code x >= 0} and {@code e / (1 + e)} below. ONNX Runtime's own Sigmoid is a fast
     * approximation (off by up to 1e-8 and exactly 0 below x = -18); MoveNet MultiPose takes an
     * arg-max over products of such small values and would pick other heat-map cells.
     */
    static Value sigmoid(TfNode n, Value x, Conversion c) {
        Value e = c.elementwise(n, "Exp", c.elementwise(n, "Neg", c.elementwise(n, "Abs", x)));
        String one = c.scalar(x.type, 1, n.name() + "/one");
        Value reciprocal = c.elementwise(n, "Reciprocal", c.elementwise(n, "Add", List.of(e), x.type, b -> b.input(one)));
        Value small = c.elementwise(n, "Mul", e, reciprocal);
        String zero = c.scalar(x.type, 0, n.name() + "/zero");
        Value positive = c.elementwise(n, "GreaterOrEqual", List.of(x), OnnxDataType.BOOL, b -> b.input(zero));
        return c.elementwise(n, "Where", List.of(positive, reciprocal, small), x.type, b -> b);
    }

    /** Floor division: {@code floor(a / b)} for floats; for integers {@code (a - mod(a, b)) / b}, exact for any sign. */
    private static Value floorDiv(TfNode n, Value a, Value b, Conversion c) {
        if (a.type.isFloatingPoint()) {
            return c.elementwise(n, "Floor", c.elementwise(n, "Div", a, b));
        }
        Value mod = c.elementwise(n, "Mod", a, b);
        return c.elementwise(n, "Div", c.elementwise(n, "Sub", a, mod), b);
    }

    private static Value lastAxis(TfNode n, Value x, Conversion c, String onnxOp) {
        return c.plainResult(n, x.type, x.shape, c.graph.op(onnxOp).name(n.name()).input(c.plain(x)).attr("axis", -1).output());
    }

    private static Value argExtreme(TfNode n, List<Value> in, Conversion c, String onnxOp) {
        Value x = in.get(0);
        long axis = c.constantLongs(n, in.get(1), "the dimension")[0];
        OnnxDataType outType = n.attrs().has("output_type") ? c.dataType(n, n.attrs().type("output_type")) : OnnxDataType.INT64;
        String index = c.graph.op(onnxOp).name(n.name()).input(c.plain(x)).attr("axis", axis).attr("keepdims", 0).output();
        if (outType != OnnxDataType.INT64) {
            index = c.cast(index, outType, n.name());
        }
        long[] shape = null;
        if (x.shape != null) {
            boolean[] removed = new boolean[x.rank()];
            removed[Shapes.axis(axis, x.rank())] = true;
            shape = Shapes.without(x.shape, removed);
        }
        return c.plainResult(n, outType, shape, index);
    }

    /**
     * A reduction over constant axes. A channels-first input is reduced channels-first (axes
     * mapped) when the result keeps its dimensions, or when the dimensions that remain come out in
     * the same order in both layouts (the usual global pooling over height and width).
     */
    private static Value reduce(TfNode n, List<Value> in, Conversion c, String onnxOp) {
        Value x = in.get(0);
        long[] axes = c.constantLongs(n, in.get(1), "the reduction axes");
        boolean keep = n.attrs().b("keep_dims", false);
        if (axes.length == 0) {
            return x;
        }
        int rank = x.rank();
        if (rank < 0 && Arrays.stream(axes).anyMatch(a -> a < 0)) {
            throw c.unsupported(n, "negative reduction axes on a tensor of unknown rank");
        }
        boolean[] removed = new boolean[Math.max(rank, 0)];
        long[] normal = new long[axes.length];
        for (int i = 0; i < axes.length; i++) {
            normal[i] = rank < 0 ? axes[i] : Shapes.axis(axes[i], rank);
            if (rank >= 0) {
                removed[(int) normal[i]] = true;
            }
        }
        long[] shape = null;
        if (x.shape != null) {
            shape = x.shape.clone();
            for (long a : normal) {
                shape[(int) a] = 1;
            }
            if (!keep) {
                shape = Shapes.without(x.shape, removed);
            }
        }
        boolean cf = x.channelsFirst && (keep || sameOrderAfterRemoving(removed));
        long[] onnxAxes = cf ? Arrays.stream(normal).map(a -> Conversion.TO_CHANNELS_LAST[(int) a]).sorted().toArray() : normal;
        String out = c.graph.op(onnxOp).name(n.name()).input(cf ? c.channelsFirst(x) : c.plain(x), c.int64(onnxAxes))
                .attr("keepdims", keep ? 1 : 0).output();
        return cf && keep ? Value.channelsFirst(n.name(), x.type, shape, out) : c.plainResult(n, x.type, shape, out);
    }

    /** Whether the NHWC axes left after removing some appear in the same order in NCHW. */
    static boolean sameOrderAfterRemoving(boolean[] removed) {
        if (removed.length != 4) {
            return false;
        }
        int[] nhwc = java.util.stream.IntStream.range(0, 4).filter(a -> !removed[a]).toArray();
        int[] nchw = Arrays.stream(Conversion.TO_CHANNELS_FIRST).filter(a -> !removed[a]).toArray();
        return Arrays.equals(nhwc, nchw);
    }
}
