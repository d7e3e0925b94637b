package io.visionpipeline.core.model.tfjs;

import java.util.Arrays;

/** Static shape arithmetic on TensorFlow shapes: -1 is an unknown dimension, null an unknown rank. */
final class Shapes {
    private Shapes() {
    }

    /** @return the numpy-style broadcast of two shapes */
    static long[] broadcast(long[] a, long[] b) {
        if (a == null || b == null) {
            return null;
        }
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long x = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long y = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (x == 1) {
                out[i] = y;
            } else if (y == 1 || x == y) {
                out[i] = x;
            } else if (x < 0 || y < 0) {
                out[i] = Math.max(x, y);
            } else {
                throw new IllegalArgumentException("shapes " + Arrays.toString(a) + " and " + Arrays.toString(b) + " do not broadcast");
            }
        }
        return out;
    }

    /**
     * @param axis an axis, possibly negative
     * @param rank the rank
     * @return the axis in {@code 0 … rank-1}
     */
    static int axis(long axis, int rank) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new IllegalArgumentException("axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    /** @return the shape without the given (normalised) axes */
    static long[] without(long[] shape, boolean[] removed) {
        return java.util.stream.IntStream.range(0, shape.length).filter(i -> !removed[i]).mapToLong(i -> shape[i]).toArray();
    }

    /** @return the shape with a dimension inserted at a (normalised) position */
    static long[] inserted(long[] shape, int at, long size) {
        long[] out = new long[shape.length + 1];
        System.arraycopy(shape, 0, out, 0, at);
        out[at] = size;
        System.arraycopy(shape, at, out, at + 1, shape.length - at);
        return out;
    }

    /** @return the element count, or -1 when a dimension is unknown */
    static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                return -1;
            }
            n *= d;
        }
        return n;
    }

    /** @return a shape of the given rank with every dimension unknown, or null for an unknown rank */
    static long[] unknown(int rank) {
        if (rank < 0) {
            return null;
        }
        long[] out = new long[rank];
        Arrays.fill(out, -1);
        return out;
    }

    /**
     * @return the output size of a convolution or pooling window along one axis, or -1 when the
     *         input size is unknown
     */
    static long window(long in, long kernel, long stride, long dilation, String padding, long padBefore, long padAfter) {
        if (in < 0) {
            return -1;
        }
        long effective = (kernel - 1) * dilation + 1;
        return switch (padding) {
            case "SAME" -> (in + stride - 1) / stride;
            case "VALID" -> (in - effective + stride) / stride;
            default -> (in + padBefore + padAfter - effective) / stride + 1;
        };
    }

    /** @return the shape permuted: output dimension i is input dimension perm[i] */
    static long[] permuted(long[] shape, int[] perm) {
        long[] out = new long[perm.length];
        for (int i = 0; i < perm.length; i++) {
            out[i] = shape[perm[i]];
        }
        return out;
    }
}
