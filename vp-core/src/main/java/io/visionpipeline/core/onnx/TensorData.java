package io.visionpipeline.core.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense tensor value: element type, shape and little-endian bytes, as ONNX stores
 * initializers ({@code TensorProto.raw_data}). Used for model weights and constant operands.
 *
 * <pre>{@code
 * TensorData w = TensorData.floats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
 * TensorData wT = w.transpose(1, 0);                 // shape [3, 2]
 * TensorData axes = TensorData.longs(new long[] {2}, 2, 3);
 * }</pre>
 *
 * @since 0.1
 */
public final class TensorData {
    private final OnnxDataType type;
    private final long[] shape;
    private final byte[] data;

    private TensorData(OnnxDataType type, long[] shape, byte[] data) {
        this.type = Objects.requireNonNull(type, "type");
        this.shape = shape.clone();
        long count = count(this.shape);
        if (data.length != count * type.size()) {
            throw new IllegalArgumentException("a " + type + " tensor of shape " + Arrays.toString(shape) + " needs "
                    + count * type.size() + " bytes, not " + data.length);
        }
        this.data = data;
    }

    /**
     * @param type  element type
     * @param shape dimensions (all known, non-negative)
     * @param data  little-endian element bytes; copied
     * @return the tensor
     * @throws IllegalArgumentException when the byte count does not fit the shape
     */
    public static TensorData of(OnnxDataType type, long[] shape, byte[] data) {
        return new TensorData(type, shape, data.clone());
    }

    /**
     * @param shape  dimensions
     * @param values row-major values
     * @return a {@link OnnxDataType#FLOAT} tensor
     */
    public static TensorData floats(long[] shape, float... values) {
        ByteBuffer b = buffer(values.length * 4);
        b.asFloatBuffer().put(values);
        return new TensorData(OnnxDataType.FLOAT, shape, b.array());
    }

    /**
     * @param shape  dimensions
     * @param values row-major values
     * @return an {@link OnnxDataType#INT32} tensor
     */
    public static TensorData ints(long[] shape, int... values) {
        ByteBuffer b = buffer(values.length * 4);
        b.asIntBuffer().put(values);
        return new TensorData(OnnxDataType.INT32, shape, b.array());
    }

    /**
     * @param shape  dimensions
     * @param values row-major values
     * @return an {@link OnnxDataType#INT64} tensor
     */
    public static TensorData longs(long[] shape, long... values) {
        ByteBuffer b = buffer(values.length * 8);
        b.asLongBuffer().put(values);
        return new TensorData(OnnxDataType.INT64, shape, b.array());
    }

    /**
     * @param shape  dimensions
     * @param values row-major values
     * @return a {@link OnnxDataType#BOOL} tensor
     */
    public static TensorData bools(long[] shape, boolean... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) (values[i] ? 1 : 0);
        }
        return new TensorData(OnnxDataType.BOOL, shape, bytes);
    }

    /**
     * @param values values
     * @return a one-dimensional {@link OnnxDataType#INT64} tensor, e.g. axes or a shape
     */
    public static TensorData vector(long... values) {
        return longs(new long[] {values.length}, values);
    }

    /**
     * @param value a value
     * @return a {@link OnnxDataType#FLOAT} scalar
     */
    public static TensorData scalar(float value) {
        return floats(new long[0], value);
    }

    /** @return the element type */
    public OnnxDataType type() {
        return type;
    }

    /** @return the dimensions (a copy) */
    public long[] shape() {
        return shape.clone();
    }

    /** @return the number of dimensions */
    public int rank() {
        return shape.length;
    }

    /** @return the number of elements */
    public long elementCount() {
        return count(shape);
    }

    /** @return the little-endian element bytes (a copy) */
    public byte[] bytes() {
        return data.clone();
    }

    /** @return the bytes without copying, for the writer */
    byte[] rawBytes() {
        return data;
    }

    /**
     * @return the values of a float tensor
     * @throws IllegalStateException for other types
     */
    public float[] toFloats() {
        require(OnnxDataType.FLOAT);
        float[] out = new float[(int) elementCount()];
        view().asFloatBuffer().get(out);
        return out;
    }

    /**
     * @return the values of an integer tensor (INT32 or INT64), widened
     * @throws IllegalStateException for other types
     */
    public long[] toLongs() {
        long[] out = new long[(int) elementCount()];
        ByteBuffer b = view();
        switch (type) {
            case INT32 -> {
                for (int i = 0; i < out.length; i++) {
                    out[i] = b.getInt(4 * i);
                }
            }
            case INT64 -> b.asLongBuffer().get(out);
            default -> throw new IllegalStateException("not an INT32 or INT64 tensor: " + type);
        }
        return out;
    }

    /**
     * @param newShape dimensions with the same element count
     * @return the same values under another shape
     */
    public TensorData reshape(long... newShape) {
        if (count(newShape) != elementCount()) {
            throw new IllegalArgumentException("cannot reshape " + Arrays.toString(shape) + " to " + Arrays.toString(newShape));
        }
        return new TensorData(type, newShape, data);
    }

    /**
     * @param to another integer type (INT32 or INT64)
     * @return the values converted
     */
    public TensorData toIntegerType(OnnxDataType to) {
        long[] values = toLongs();
        if (to == OnnxDataType.INT64) {
            return longs(shape, values);
        }
        if (to == OnnxDataType.INT32) {
            int[] ints = new int[values.length];
            for (int i = 0; i < ints.length; i++) {
                ints[i] = Math.toIntExact(values[i]);
            }
            return ints(shape, ints);
        }
        throw new IllegalArgumentException("not an integer type: " + to);
    }

    /**
     * Permutes the dimensions, like ONNX {@code Transpose}: output dimension {@code i} is input
     * dimension {@code perm[i]}.
     *
     * @param perm a permutation of {@code 0 … rank-1}
     * @return the transposed tensor
     */
    public TensorData transpose(int... perm) {
        int rank = shape.length;
        if (perm.length != rank) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " does not fit rank " + rank);
        }
        long[] outShape = new long[rank];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < rank; i++) {
            if (perm[i] < 0 || perm[i] >= rank || seen[perm[i]]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            }
            seen[perm[i]] = true;
            outShape[i] = shape[perm[i]];
        }
        long[] inStrides = strides(shape);
        long[] strideOfOut = new long[rank];
        for (int i = 0; i < rank; i++) {
            strideOfOut[i] = inStrides[perm[i]];
        }
        int size = type.size();
        byte[] out = new byte[data.length];
        int[] index = new int[rank];
        long count = elementCount();
        long src = 0;
        for (long o = 0; o < count; o++) {
            System.arraycopy(data, (int) (src * size), out, (int) (o * size), size);
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < outShape[d]) {
                    src += strideOfOut[d];
                    break;
                }
                src -= strideOfOut[d] * (outShape[d] - 1);
                index[d] = 0;
            }
        }
        return new TensorData(type, outShape, out);
    }

    @Override
    public String toString() {
        return "TensorData[" + type + " " + Arrays.toString(shape) + "]";
    }

    private void require(OnnxDataType expected) {
        if (type != expected) {
            throw new IllegalStateException("not a " + expected + " tensor: " + type);
        }
    }

    private ByteBuffer view() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer buffer(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= shape[i];
        }
        return strides;
    }

    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor dimensions must be known and non-negative: " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        if (n > Integer.MAX_VALUE / 8) {
            throw new IllegalArgumentException("tensor too large: " + Arrays.toString(shape));
        }
        return n;
    }
}
