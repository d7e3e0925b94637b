package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Shape and indexing ops: reshaping, (un)stacking, concatenation, slicing, gathering, padding,
 * tiling, filling, selection and top-k. Integer operands ONNX wants as INT64 (shapes, axes,
 * indices) are converted once, at conversion time for constants.
 */
final class ArrayOps {
    private static final long MAX = Long.MAX_VALUE;
    private static final long MIN = Long.MIN_VALUE;

    private ArrayOps() {
    }

    static void register(Map<String, OpConverter> ops) {
        for (String op : List.of("Identity", "Snapshot", "StopGradient")) {
            ops.put(op, (n, in, c) -> List.of(in.get(0)));
        }
        ops.put("Reshape", ArrayOps::reshape);
        ops.put("Squeeze", ArrayOps::squeeze);
        ops.put("ExpandDims", ArrayOps::expandDims);
        ops.put("Pack", ArrayOps::pack);
        ops.put("Unpack", ArrayOps::unpack);
        ops.put("ConcatV2", ArrayOps::concat);
        ops.put("StridedSlice", ArrayOps::stridedSlice);
        ops.put("Shape", ArrayOps::shape);
        ops.put("Size", (n, in, c) -> List.of(c.plainResult(n, outType(n, c), new long[0],
                castFromInt64(n, c, c.graph.op("Size").name(n.name()).input(onnxInput(in.get(0), c)).output()))));
        ops.put("Fill", ArrayOps::fill);
        ops.put("Range", (n, in, c) -> List.of(c.plainResult(n, in.get(0).type, new long[] {-1},
                c.graph.op("Range").name(n.name()).input(c.plain(in.get(0)), c.plain(in.get(1)), c.plain(in.get(2))).output())));
        ops.put("Tile", (n, in, c) -> List.of(c.plainResult(n, in.get(0).type, Shapes.unknown(in.get(0).rank()),
                c.graph.op("Tile").name(n.name()).input(c.plain(in.get(0)), c.int64(in.get(1))).output())));
        ops.put("Split", ArrayOps::split);
        ops.put("Pad", ArrayOps::pad);
        ops.put("PadV2", ArrayOps::pad);
        ops.put("Select", ArrayOps::select);
        ops.put("SelectV2", ArrayOps::select);
        ops.put("TopKV2", ArrayOps::topK);
        ops.put("GatherNd", ArrayOps::gatherNd);
        ops.put("GatherV2", ArrayOps::gather);
        ops.put("Transpose", ArrayOps::transpose);
    }

    /** @return a tensor's ONNX value in whichever layout exists (for ops blind to the order of elements) */
    private static String onnxInput(Value v, Conversion c) {
        return v.plainName != null || v.isConstant() ? c.plain(v) : v.channelsFirstName;
    }

    private static OnnxDataType outType(TfNode n, Conversion c) {
        return n.attrs().has("out_type") ? c.dataType(n, n.attrs().type("out_type")) : OnnxDataType.INT32;
    }

    private static String castFromInt64(TfNode n, Conversion c, String int64) {
        OnnxDataType to = outType(n, c);
        return to == OnnxDataType.INT64 ? int64 : c.cast(int64, to, n.name());
    }

    private static List<Value> reshape(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        Value target = in.get(1);
        OnnxGraph.NodeBuilder b = c.graph.op("Reshape").name(n.name()).input(c.plain(x), c.int64(target));
        long[] shape;
        if (target.isConstant()) {
            shape = target.constant.toLongs();
            if (Arrays.stream(shape).anyMatch(d -> d == 0)) {
                b.attr("allowzero", 1);
            }
            long known = Shapes.count(Arrays.stream(shape).map(d -> d < 0 ? 1 : d).toArray());
            long total = x.shape == null ? -1 : Shapes.count(x.shape);
            for (int i = 0; i < shape.length; i++) {
                if (shape[i] < 0) {
                    shape[i] = total >= 0 && known > 0 ? total / known : -1;
                }
            }
        } else {
            b.attr("allowzero", 1);
            shape = target.shape == null || target.shape.length != 1 ? null : Shapes.unknown((int) target.shape[0]);
        }
        return List.of(c.plainResult(n, x.type, shape, b.output()));
    }

    private static List<Value> squeeze(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        long[] dims = n.attrs().ints("squeeze_dims");
        if (dims == null) {
            dims = n.attrs().ints("axis");
        }
        if (dims == null || dims.length == 0) {
            if (x.shape == null || Shapes.count(x.shape) < 0) {
                throw c.unsupported(n, "squeezing every size-1 dimension of a tensor whose shape is not known");
            }
            dims = java.util.stream.IntStream.range(0, x.rank()).filter(i -> x.shape[i] == 1).asLongStream().toArray();
        }
        if (x.rank() < 0) {
            throw c.unsupported(n, "squeezing a tensor of unknown rank");
        }
        boolean[] removed = new boolean[x.rank()];
        for (long d : dims) {
            removed[Shapes.axis(d, x.rank())] = true;
        }
        boolean cf = x.channelsFirst && MathOps.sameOrderAfterRemoving(removed);
        long[] axes = java.util.stream.IntStream.range(0, removed.length).filter(i -> removed[i])
                .mapToLong(i -> cf ? Conversion.TO_CHANNELS_LAST[i] : i).sorted().toArray();
        String out = c.graph.op("Squeeze").name(n.name()).input(cf ? c.channelsFirst(x) : c.plain(x), c.int64(axes)).output();
        return List.of(c.plainResult(n, x.type, Shapes.without(x.shape, removed), out));
    }

    private static List<Value> expandDims(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        long axis = c.constantLongs(n, in.get(1), "the axis")[0];
        String out = c.graph.op("Unsqueeze").name(n.name()).input(c.plain(x), c.int64(axis)).output();
        long[] shape = x.shape == null ? null : Shapes.inserted(x.shape, Shapes.axis(axis, x.rank() + 1), 1);
        return List.of(c.plainResult(n, x.type, shape, out));
    }

    private static List<Value> pack(TfNode n, List<Value> in, Conversion c) {
        long axis = n.attrs().i("axis", 0);
        List<String> parts = new ArrayList<>();
        for (Value v : in) {
            parts.add(c.graph.op("Unsqueeze").name(n.name()).input(c.plain(v), c.int64(axis)).output());
        }
        Value first = in.get(0);
        long[] shape = first.shape == null ? null : Shapes.inserted(first.shape, Shapes.axis(axis, first.rank() + 1), in.size());
        String out = parts.size() == 1 ? parts.get(0) : c.graph.op("Concat").name(n.name()).inputs(parts).attr("axis", axis).output();
        return List.of(c.plainResult(n, first.type, shape, out));
    }

    private static List<Value> unpack(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        long axis = n.attrs().i("axis", 0);
        int num = (int) n.attrs().i("num", -1);
        if (num < 1) {
            throw c.unsupported(n, "Unpack without a positive 'num'");
        }
        List<String> parts = num == 1 ? List.of(c.plain(x))
                : c.graph.op("Split").name(n.name()).input(c.plain(x)).attr("axis", axis).attr("num_outputs", num).outputs(num);
        long[] shape = null;
        if (x.shape != null) {
            boolean[] removed = new boolean[x.rank()];
            removed[Shapes.axis(axis, x.rank())] = true;
            shape = Shapes.without(x.shape, removed);
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            String squeezed = c.graph.op("Squeeze").name(n.name() + ":" + i).input(parts.get(i), c.int64(axis)).output();
            out.add(Value.plain(n.name() + ":" + i, x.type, shape, squeezed));
        }
        return out;
    }

    private static List<Value> concat(TfNode n, List<Value> in, Conversion c) {
        List<Value> parts = in.subList(0, in.size() - 1);
        long axis = c.constantLongs(n, in.get(in.size() - 1), "the axis")[0];
        boolean cf = c.prefersChannelsFirst(parts) && parts.stream().allMatch(v -> v.rank() == 4);
        int rank = parts.get(0).rank();
        OnnxGraph.NodeBuilder b = c.graph.op("Concat").name(n.name());
        parts.forEach(v -> b.input(cf ? c.channelsFirst(v) : c.plain(v)));
        long onnxAxis = cf ? Conversion.TO_CHANNELS_LAST[Shapes.axis(axis, 4)] : axis;
        String out = b.attr("axis", onnxAxis).output();
        long[] shape = null;
        if (rank >= 0) {
            int a = Shapes.axis(axis, rank);
            shape = parts.get(0).shape.clone();
            for (Value v : parts.subList(1, parts.size())) {
                shape[a] = shape[a] < 0 || v.shape == null || v.shape[a] < 0 ? -1 : shape[a] + v.shape[a];
            }
        }
        Value first = parts.get(0);
        return List.of(cf ? Value.channelsFirst(n.name(), first.type, shape, out) : c.plainResult(n, first.type, shape, out));
    }

    /**
     * TensorFlow's StridedSlice with its masks: an ONNX Slice over the dimensions the spec slices,
     * then a Squeeze of the shrunk dimensions and an Unsqueeze of the new ones.
     */
    private static List<Value> stridedSlice(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        long[] begin = c.constantLongs(n, in.get(1), "begin");
        long[] end = c.constantLongs(n, in.get(2), "end");
        long[] strides = c.constantLongs(n, in.get(3), "strides");
        long beginMask = n.attrs().i("begin_mask", 0);
        long endMask = n.attrs().i("end_mask", 0);
        long ellipsisMask = n.attrs().i("ellipsis_mask", 0);
        long newAxisMask = n.attrs().i("new_axis_mask", 0);
        long shrinkMask = n.attrs().i("shrink_axis_mask", 0);
        int specs = begin.length;
        int consumed = 0;
        for (int i = 0; i < specs; i++) {
            if ((ellipsisMask >> i & 1) == 0 && (newAxisMask >> i & 1) == 0) {
                consumed++;
            }
        }
        if (ellipsisMask != 0 && x.rank() < 0) {
            throw c.unsupported(n, "an ellipsis on a tensor of unknown rank");
        }
        List<Long> axes = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        List<Long> steps = new ArrayList<>();
        List<Long> squeeze = new ArrayList<>();
        List<Long> unsqueeze = new ArrayList<>();
        List<Long> outShape = new ArrayList<>();
        int dim = 0;
        int outDim = 0;
        for (int i = 0; i < specs; i++) {
            if ((ellipsisMask >> i & 1) != 0) {
                for (int k = 0; k < x.rank() - consumed; k++, dim++, outDim++) {
                    outShape.add(dimOf(x, dim));
                }
            } else if ((newAxisMask >> i & 1) != 0) {
                unsqueeze.add((long) outDim++);
                outShape.add(1L);
            } else if ((shrinkMask >> i & 1) != 0) {
                long b = (beginMask >> i & 1) != 0 ? 0 : begin[i];
                axes.add((long) dim);
                starts.add(b);
                ends.add(b == -1 ? MAX : b + 1);
                steps.add(1L);
                squeeze.add((long) dim++);
            } else {
                long step = strides[i];
                if (step == 0) {
                    throw c.unsupported(n, "a stride of 0");
                }
                long s = (beginMask >> i & 1) != 0 ? (step > 0 ? 0 : MAX) : begin[i];
                long e = (endMask >> i & 1) != 0 ? (step > 0 ? MAX : MIN) : end[i];
                if (s != 0 || e != MAX || step != 1) {
                    axes.add((long) dim);
                    starts.add(s);
                    ends.add(e);
                    steps.add(step);
                }
                outShape.add(sliceLength(dimOf(x, dim), s, e, step));
                dim++;
                outDim++;
            }
        }
        for (; x.rank() >= 0 && dim < x.rank(); dim++) {
            outShape.add(dimOf(x, dim));
        }
        String v = c.plain(x);
        if (!axes.isEmpty()) {
            v = c.graph.op("Slice").name(n.name()).input(v, c.int64(unbox(starts)), c.int64(unbox(ends)),
                    c.int64(unbox(axes)), c.int64(unbox(steps))).output();
        }
        if (!squeeze.isEmpty()) {
            v = c.graph.op("Squeeze").name(n.name()).input(v, c.int64(unbox(squeeze))).output();
        }
        if (!unsqueeze.isEmpty()) {
            v = c.graph.op("Unsqueeze").name(n.name()).input(v, c.int64(unbox(unsqueeze))).output();
        }
        if (v.equals(c.plain(x))) {
            v = c.graph.op("Identity").name(n.name()).input(v).output();
        }
        long[] shape = x.rank() < 0 ? null : unbox(outShape);
        return List.of(c.plainResult(n, x.type, shape, v));
    }

    private static long dimOf(Value x, int dim) {
        return x.shape == null || dim >= x.shape.length ? -1 : x.shape[dim];
    }

    /** @return how many elements ONNX Slice takes from a dimension, or -1 when it is unknown */
    private static long sliceLength(long size, long start, long end, long step) {
        if (size < 0) {
            return -1;
        }
        long s = start < 0 ? Math.max(start + size, step > 0 ? 0 : -1) : start;
        long e = end < 0 ? Math.max(end + size, step > 0 ? 0 : -1) : end;
        if (step > 0) {
            s = Math.min(s, size);
            e = Math.min(e, size);
            return Math.max(0, (e - s + step - 1) / step);
        }
        s = Math.min(s, size - 1);
        e = Math.min(e, size - 1);
        return Math.max(0, (s - e - step - 1) / -step);
    }

    private static List<Value> shape(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        String shape;
        if (x.plainName == null && !x.isConstant()) {
            String nchw = c.graph.op("Shape").name(n.name()).input(x.channelsFirstName).output();
            shape = c.graph.op("Gather").name(n.name()).input(nchw, c.int64(Conversion.toLongs(Conversion.TO_CHANNELS_LAST)))
                    .attr("axis", 0).output();
        } else {
            shape = c.graph.op("Shape").name(n.name()).input(c.plain(x)).output();
        }
        return List.of(c.plainResult(n, outType(n, c), new long[] {Math.max(x.rank(), -1)}, castFromInt64(n, c, shape)));
    }

    private static List<Value> fill(TfNode n, List<Value> in, Conversion c) {
        Value dims = in.get(0);
        Value value = in.get(1);
        String out = c.graph.op("Expand").name(n.name()).input(c.plain(value), c.int64(dims)).output();
        long[] shape = dims.isConstant() ? dims.constant.toLongs()
                : dims.shape != null && dims.shape.length == 1 ? Shapes.unknown((int) dims.shape[0]) : null;
        return List.of(c.plainResult(n, value.type, shape, out));
    }

    private static List<Value> split(TfNode n, List<Value> in, Conversion c) {
        long axis = c.constantLongs(n, in.get(0), "the axis")[0];
        Value x = in.get(1);
        int num = (int) n.attrs().i("num_split", 1);
        List<String> parts = num == 1 ? List.of(c.plain(x))
                : c.graph.op("Split").name(n.name()).input(c.plain(x)).attr("axis", axis).attr("num_outputs", num).outputs(num);
        long[] shape = x.shape == null ? null : x.shape.clone();
        if (shape != null) {
            int a = Shapes.axis(axis, shape.length);
            shape[a] = shape[a] < 0 ? -1 : shape[a] / num;
        }
        List<Value> out = new ArrayList<>();
        for (int i = 0; i < num; i++) {
            out.add(Value.plain(n.name() + ":" + i, x.type, shape, parts.get(i)));
        }
        return out;
    }

    private static List<Value> pad(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        long[] p = c.constantLongs(n, in.get(1), "the paddings");
        int rank = p.length / 2;
        boolean cf = x.channelsFirst && rank == 4;
        int[] order = cf ? Conversion.TO_CHANNELS_FIRST : java.util.stream.IntStream.range(0, rank).toArray();
        long[] pads = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            pads[i] = p[2 * order[i]];
            pads[rank + i] = p[2 * order[i] + 1];
        }
        OnnxGraph.NodeBuilder b = c.graph.op("Pad").name(n.name()).input(cf ? c.channelsFirst(x) : c.plain(x), c.int64(pads));
        if (in.size() > 2) {
            b.input(c.plain(in.get(2)));
        }
        String out = b.attr("mode", "constant").output();
        long[] shape = null;
        if (x.shape != null) {
            shape = x.shape.clone();
            for (int i = 0; i < rank; i++) {
                shape[i] = shape[i] < 0 ? -1 : shape[i] + p[2 * i] + p[2 * i + 1];
            }
        }
        return List.of(cf ? Value.channelsFirst(n.name(), x.type, shape, out) : c.plainResult(n, x.type, shape, out));
    }

    /** Select (v1) picks whole rows when its condition is a vector; SelectV2 broadcasts like ONNX Where. */
    private static List<Value> select(TfNode n, List<Value> in, Conversion c) {
        Value cond = in.get(0);
        Value t = in.get(1);
        Value e = in.get(2);
        String condition = c.plain(cond);
        if (n.op().equals("Select") && cond.rank() != t.rank()) {
            if (cond.rank() != 1 || t.rank() < 1) {
                throw c.unsupported(n, "a condition of rank " + cond.rank() + " for values of rank " + t.rank());
            }
            long[] trailing = java.util.stream.LongStream.range(1, t.rank()).toArray();
            condition = c.graph.op("Unsqueeze").name(n.name()).input(condition, c.int64(trailing)).output();
        }
        String out = c.graph.op("Where").name(n.name()).input(condition, c.plain(t), c.plain(e)).output();
        return List.of(c.plainResult(n, t.type, Shapes.broadcast(Shapes.broadcast(t.shape, e.shape),
                n.op().equals("Select") ? t.shape : cond.shape), out));
    }

    private static List<Value> topK(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        Value k = in.get(1);
        String kVector = k.isConstant() ? c.int64(k.constant.toLongs()[0])
                : c.graph.op("Reshape").name(n.name() + "/k").input(c.int64(k), c.int64(1)).output();
        List<String> outs = c.graph.op("TopK").name(n.name()).input(c.plain(x), kVector)
                .attr("axis", -1).attr("largest", 1).attr("sorted", 1).outputs(2);
        long[] shape = null;
        if (x.shape != null) {
            shape = x.shape.clone();
            shape[shape.length - 1] = k.isConstant() ? k.constant.toLongs()[0] : -1;
        }
        String indices = c.cast(outs.get(1), OnnxDataType.INT32, n.name() + ":1");
        return List.of(Value.plain(n.name(), x.type, shape, outs.get(0)), Value.plain(n.name() + ":1", OnnxDataType.INT32, shape, indices));
    }

    private static List<Value> gatherNd(TfNode n, List<Value> in, Conversion c) {
        Value params = in.get(0);
        Value indices = in.get(1);
        String out = c.graph.op("GatherND").name(n.name()).input(c.plain(params), c.int64(indices)).output();
        long[] shape = null;
        if (params.shape != null && indices.shape != null && indices.shape.length > 0 && indices.shape[indices.shape.length - 1] >= 0) {
            int depth = (int) indices.shape[indices.shape.length - 1];
            long[] outer = Arrays.copyOf(indices.shape, indices.shape.length - 1);
            long[] inner = Arrays.copyOfRange(params.shape, depth, params.shape.length);
            shape = java.util.stream.LongStream.concat(Arrays.stream(outer), Arrays.stream(inner)).toArray();
        }
        return List.of(c.plainResult(n, params.type, shape, out));
    }

    private static List<Value> gather(TfNode n, List<Value> in, Conversion c) {
        Value params = in.get(0);
        Value indices = in.get(1);
        long axis = c.constantLongs(n, in.get(2), "the axis")[0];
        if (n.attrs().i("batch_dims", 0) != 0) {
            throw c.unsupported(n, "batch_dims other than 0");
        }
        String out = c.graph.op("Gather").name(n.name()).input(c.plain(params), c.int64(indices)).attr("axis", axis).output();
        long[] shape = null;
        if (params.shape != null && indices.shape != null) {
            int a = Shapes.axis(axis, params.rank());
            shape = java.util.stream.LongStream.concat(java.util.stream.LongStream.concat(
                    Arrays.stream(params.shape, 0, a), Arrays.stream(indices.shape)),
                    Arrays.stream(params.shape, a + 1, params.rank())).toArray();
        }
        return List.of(c.plainResult(n, params.type, shape, out));
    }

    private static List<Value> transpose(TfNode n, List<Value> in, Conversion c) {
        Value x = in.get(0);
        int[] perm = Arrays.stream(c.constantLongs(n, in.get(1), "the permutation")).mapToInt(Math::toIntExact).toArray();
        String out = c.graph.op("Transpose").name(n.name()).input(c.plain(x)).ints("perm", Conversion.toLongs(perm)).output();
        return List.of(c.plainResult(n, x.type, x.shape == null ? null : Shapes.permuted(x.shape, perm), out));
    }

    private static long[] unbox(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
