package io.visionpipeline.core.onnx;

/**
 * The ONNX tensor element types VisionPipeline writes, with their {@code TensorProto.DataType}
 * codes and sizes.
 *
 * @since 0.1
 */
public enum OnnxDataType {
    /** 32-bit IEEE float. */
    FLOAT(1, 4),
    /** Unsigned byte. */
    UINT8(2, 1),
    /** Signed byte. */
    INT8(3, 1),
    /** Unsigned 16-bit integer. */
    UINT16(4, 2),
    /** Signed 16-bit integer. */
    INT16(5, 2),
    /** Signed 32-bit integer. */
    INT32(6, 4),
    /** Signed 64-bit integer. */
    INT64(7, 8),
    /** Boolean, one byte per element. */
    BOOL(9, 1),
    /** 16-bit IEEE float. */
    FLOAT16(10, 2),
    /** 64-bit IEEE float. */
    DOUBLE(11, 8);

    private final int code;
    private final int size;

    OnnxDataType(int code, int size) {
        this.code = code;
        this.size = size;
    }

    /** @return the {@code TensorProto.DataType} code */
    public int code() {
        return code;
    }

    /** @return bytes per element */
    public int size() {
        return size;
    }

    /** @return whether this is an integer type (signed or unsigned, not bool) */
    public boolean isInteger() {
        return this == UINT8 || this == INT8 || this == UINT16 || this == INT16 || this == INT32 || this == INT64;
    }

    /** @return whether this is a floating-point type */
    public boolean isFloatingPoint() {
        return this == FLOAT || this == FLOAT16 || this == DOUBLE;
    }
}
