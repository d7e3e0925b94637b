package io.visionpipeline.core.onnx;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Protocol Buffers wire format, the few field kinds ONNX messages use: varints, packed repeated
 * scalars, strings, bytes and nested messages. A message is written into its own buffer and
 * embedded in its parent with a length prefix.
 */
final class ProtoWriter {
    private static final int VARINT = 0;
    private static final int FIXED32 = 5;
    private static final int LENGTH_DELIMITED = 2;

    private final Buffer out = new Buffer();

    void varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
    }

    void float32(int field, float value) {
        tag(field, FIXED32);
        rawFixed32(Float.floatToRawIntBits(value));
    }

    void string(int field, String value) {
        bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    void bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        out.writeBytes(value);
    }

    void message(int field, ProtoWriter message) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(message.out.size());
        message.out.appendTo(out);
    }

    void packedVarints(int field, long[] values) {
        ProtoWriter packed = new ProtoWriter();
        for (long v : values) {
            packed.rawVarint(v);
        }
        tag(field, LENGTH_DELIMITED);
        rawVarint(packed.out.size());
        packed.out.appendTo(out);
    }

    void packedFloats(int field, float[] values) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(4L * values.length);
        for (float v : values) {
            rawFixed32(Float.floatToRawIntBits(v));
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** A byte buffer that can append itself to another without copying first. */
    private static final class Buffer extends ByteArrayOutputStream {
        void appendTo(ByteArrayOutputStream other) {
            other.write(buf, 0, count);
        }
    }

    private void tag(int field, int wireType) {
        rawVarint(((long) field << 3) | wireType);
    }

    private void rawVarint(long value) {
        long v = value;
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private void rawFixed32(int bits) {
        out.write(bits);
        out.write(bits >>> 8);
        out.write(bits >>> 16);
        out.write(bits >>> 24);
    }
}
