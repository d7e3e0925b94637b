package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;

import java.util.List;
import java.util.Map;

/**
 * Neural-network ops: convolutions (plain, depthwise, and TensorFlow's fused forms with bias and
 * activation), pooling, bias, batch normalisation, bilinear resizing and matrix products
 * (plain and fused). Convolution weights are transposed to ONNX's layout at conversion time.
 */
final class NnOps {
    private NnOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        ops.put("Conv2D", (n, in, c) -> List.of(conv(n, in, c, false)));
        ops.put("_FusedConv2D", (n, in, c) -> List.of(conv(n, in, c, false)));
        ops.put("DepthwiseConv2dNative", (n, in, c) -> List.of(conv(n, in, c, true)));
        ops.put("FusedDepthwiseConv2dNative", (n, in, c) -> List.of(conv(n, in, c, true)));
        ops.put("MaxPool", (n, in, c) -> List.of(pool(n, in.get(0), c, "MaxPool")));
        ops.put("AvgPool", (n, in, c) -> List.of(pool(n, in.get(0), c, "AveragePool")));
        ops.put("BiasAdd", (n, in, c) -> {
            requireNhwc(n, c);
            return List.of(c.elementwise(n, "Add", in.get(0), in.get(1)));
        });
        for (String op : List.of("FusedBatchNorm", "FusedBatchNormV2", "FusedBatchNormV3")) {
            ops.put(op, NnOps::batchNorm);
        }
        ops.put("ResizeBilinear", (n, in, c) -> List.of(resizeBilinear(n, in, c)));
        ops.put("MatMul", (n, in, c) -> List.of(matMul(n, in, c)));
        ops.put("_FusedMatMul", (n, in, c) -> List.of(matMul(n, in, c)));
    }

    private static void requireNhwc(TfNode n, Conversion c) {
        String format = n.attrs().s("data_format", "NHWC");
        if (!format.equals("NHWC")) {
            throw c.unsupported(n, "data_format " + format + " (only NHWC, the TF.js layout, is supported)");
        }
    }

    private static Value conv(TfNode n, List<Value> in, Conversion c, boolean depthwise) {
        requireNhwc(n, c);
        Value x = in.get(0);
        TensorData filter = c.constant(n, in.get(1), "the filter");
        long[] f = filter.shape();
        if (f.length != 4) {
            throw c.unsupported(n, "the filter has rank " + f.length + ", not 4");
        }
        long[] strides = pairOf(n, c, "strides");
        long[] dilations = pairOf(n, c, "dilations");
        TensorData weights;
        long groups;
        long outChannels;
        if (depthwise) {
            outChannels = f[2] * f[3];
            weights = filter.reshape(f[0], f[1], 1, outChannels).transpose(3, 2, 0, 1);
            groups = f[2];
        } else {
            outChannels = f[3];
            weights = filter.transpose(3, 2, 0, 1);
            long inChannels = x.rank() == 4 ? x.shape[3] : -1;
            groups = inChannels > 0 && inChannels != f[2] ? inChannels / f[2] : 1;
        }
        Fused fused = Fused.of(n, in, c, 2);
        OnnxGraph.NodeBuilder b = c.graph.op("Conv").name(n.name())
                .input(c.channelsFirst(x), c.graph.initializer(n.name() + "/weights", weights));
        if (fused.bias != null) {
            b.input(c.plain(fused.bias));
        }
        b.ints("kernel_shape", f[0], f[1]).ints("strides", strides).ints("dilations", dilations).attr("group", groups);
        long[] pads = padding(n, c, b);
        long[] shape = x.rank() == 4 ? new long[] {x.shape[0],
                Shapes.window(x.shape[1], f[0], strides[0], dilations[0], n.attrs().s("padding", "VALID"), pads[0], pads[2]),
                Shapes.window(x.shape[2], f[1], strides[1], dilations[1], n.attrs().s("padding", "VALID"), pads[1], pads[3]),
                outChannels} : new long[] {-1, -1, -1, outChannels};
        Value conv = Value.channelsFirst(n.name(), x.type, shape, b.output());
        return fused.activate(n, conv, c);
    }

    private static Value pool(TfNode n, Value x, Conversion c, String onnxOp) {
        requireNhwc(n, c);
        long[] window = pairOf(n, c, "ksize");
        long[] strides = pairOf(n, c, "strides");
        OnnxGraph.NodeBuilder b = c.graph.op(onnxOp).name(n.name()).input(c.channelsFirst(x))
                .ints("kernel_shape", window).ints("strides", strides);
        long[] pads = padding(n, c, b);
        String padding = n.attrs().s("padding", "VALID");
        long[] shape = {x.shape[0], Shapes.window(x.shape[1], window[0], strides[0], 1, padding, pads[0], pads[2]),
                Shapes.window(x.shape[2], window[1], strides[1], 1, padding, pads[1], pads[3]), x.shape[3]};
        return Value.channelsFirst(n.name(), x.type, shape, b.output());
    }

    /** Sets the ONNX padding of a convolution or pooling node; returns [top, left, bottom, right] for EXPLICIT. */
    private static long[] padding(TfNode n, Conversion c, OnnxGraph.NodeBuilder b) {
        String padding = n.attrs().s("padding", "VALID");
        switch (padding) {
            case "SAME" -> b.attr("auto_pad", "SAME_UPPER");
            case "VALID" -> b.attr("auto_pad", "VALID");
            case "EXPLICIT" -> {
                long[] p = n.attrs().ints("explicit_paddings");
                if (p == null || p.length != 8 || p[0] != 0 || p[1] != 0 || p[6] != 0 || p[7] != 0) {
                    throw c.unsupported(n, "explicit paddings must pad only height and width: " + java.util.Arrays.toString(p));
                }
                long[] pads = {p[2], p[4], p[3], p[5]};
                b.ints("pads", pads);
                return pads;
            }
            default -> throw c.unsupported(n, "padding " + padding);
        }
        return new long[4];
    }

    /** @return the height and width entries of an NHWC attribute such as strides, checking the others are 1 */
    private static long[] pairOf(TfNode n, Conversion c, String attr) {
        long[] v = n.attrs().ints(attr);
        if (v == null || v.length == 0) {
            return new long[] {1, 1};
        }
        if (v.length != 4 || v[0] != 1 || v[3] != 1) {
            throw c.unsupported(n, attr + " " + java.util.Arrays.toString(v) + " (batch and channel entries must be 1)");
        }
        return new long[] {v[1], v[2]};
    }

    private static List<Value> batchNorm(TfNode n, List<Value> in, Conversion c) {
        requireNhwc(n, c);
        Value x = in.get(0);
        if (x.rank() != 4 && x.rank() != 2) {
            throw c.unsupported(n, "batch normalisation of a tensor of rank " + x.rank());
        }
        boolean cf = x.rank() == 4;
        String out = c.graph.op("BatchNormalization").name(n.name())
                .input(cf ? c.channelsFirst(x) : c.plain(x), c.plain(in.get(1)), c.plain(in.get(2)), c.plain(in.get(3)), c.plain(in.get(4)))
                .attr("epsilon", n.attrs().f("epsilon", 0.001f)).output();
        return List.of(cf ? Value.channelsFirst(n.name(), x.type, x.shape, out) : c.plainResult(n, x.type, x.shape, out));
    }

    private static Value resizeBilinear(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        Value size = in.get(1);
        if (x.rank() != 4) {
            throw c.unsupported(n, "images of rank " + x.rank() + " (needs a batch of NHWC images)");
        }
        boolean alignCorners = n.attrs().b("align_corners", false);
        boolean halfPixel = n.attrs().b("half_pixel_centers", false);
        String mode = alignCorners ? "align_corners" : halfPixel ? "half_pixel" : "asymmetric";
        String out = c.graph.op("Resize").name(n.name()).input(c.channelsFirst(x), "", "", c.int64(size))
                .ints("axes", 2, 3).attr("mode", "linear").attr("coordinate_transformation_mode", mode).output();
        long[] hw = size.isConstant() ? size.constant.toLongs() : new long[] {-1, -1};
        return Value.channelsFirst(n.name(), OnnxDataType.FLOAT, new long[] {x.shape[0], hw[0], hw[1], x.shape[3]}, out);
    }

    private static Value matMul(TfNode n, List<Value> in, Conversion c) {
        Value a = in.get(0);
        Value b = in.get(1);
        if (a.rank() != 2 || b.rank() != 2) {
            throw c.unsupported(n, "MatMul of tensors of rank " + a.rank() + " and " + b.rank() + " (TensorFlow's MatMul is 2-D)");
        }
        boolean ta = n.attrs().b("transpose_a", false);
        boolean tb = n.attrs().b("transpose_b", false);
        String out = c.graph.op("MatMul").name(n.name()).input(transposed(a, ta, c), transposed(b, tb, c)).output();
        long[] shape = {ta ? a.shape[1] : a.shape[0], tb ? b.shape[0] : b.shape[1]};
        return Fused.of(n, in, c, 2).activate(n, c.plainResult(n, a.type, shape, out), c);
    }

    private static String transposed(Value v, boolean transpose, Conversion c) {
        if (!transpose) {
            return c.plain(v);
        }
        if (v.isConstant()) {
            return c.graph.initializer(v.name + "/T", v.constant.transpose(1, 0));
        }
        return c.graph.op("Transpose").name(v.name + "/T").input(c.plain(v)).ints("perm", 1, 0).output();
    }

    /**
     * What a TensorFlow fused op adds after its convolution or product ({@code fused_ops}): a
     * bias and an activation.
     */
    private static final class Fused {
        final Value bias;
        final String activation;
        final Value preluAlpha;
        final float leakyAlpha;

        private Fused(Value bias, String activation, Value preluAlpha, float leakyAlpha) {
            this.bias = bias;
            this.activation = activation;
            this.preluAlpha = preluAlpha;
            this.leakyAlpha = leakyAlpha;
        }

        static Fused of(TfNode n, List<Value> in, Conversion c, int firstArg) {
            List<String> ops = n.attrs().strings("fused_ops");
            if (ops.isEmpty()) {
                if (in.size() > firstArg) {
                    throw c.unsupported(n, "extra inputs without fused_ops");
                }
                return new Fused(null, null, null, 0);
            }
            if (!ops.get(0).equals("BiasAdd") || ops.size() > 2) {
                throw c.unsupported(n, "fused op sequence " + ops + " (supported: BiasAdd, optionally followed by "
                        + "Relu, Relu6, Elu, LeakyRelu, Sigmoid, Tanh or Prelu)");
            }
            String activation = ops.size() == 2 ? ops.get(1) : null;
            int args = in.size() - firstArg;
            int expected = "Prelu".equals(activation) ? 2 : 1;
            if (args != expected) {
                throw c.unsupported(n, "fused ops " + ops + " with " + args + " arguments (expected " + expected + ")");
            }
            if (activation != null && !List.of("Relu", "Relu6", "Elu", "LeakyRelu", "Sigmoid", "Tanh", "Prelu").contains(activation)) {
                throw c.unsupported(n, "fused activation " + activation);
            }
            return new Fused(in.get(firstArg), activation, expected == 2 ? in.get(firstArg + 1) : null,
                    n.attrs().f("leakyrelu_alpha", 0.2f));
        }

        /** Adds the bias (unless the convolution took it) and the activation. */
        Value activate(TfNode n, Value x, Conversion c) {
            Value y = x;
            if (bias != null && !n.op().contains("Conv")) {
                y = c.elementwise(n, "Add", y, bias);
            }
            if (activation == null) {
                return y;
            }
            return switch (activation) {
                case "Relu" -> c.elementwise(n, "Relu", y);
                case "Relu6" -> MathOps.relu6(n, y, c);
                case "Elu" -> c.elementwise(n, "Elu", List.of(y), y.type, b -> b.attr("alpha", 1f));
                case "LeakyRelu" -> c.elementwise(n, "LeakyRelu", List.of(y), y.type, b -> b.attr("alpha", leakyAlpha));
                case "Sigmoid" -> MathOps.sigmoid(n, y, c);
                case "Tanh" -> c.elementwise(n, "Tanh", y);
                default -> c.elementwise(n, "PRelu", y, preluAlpha);
            };
        }
    }
}
