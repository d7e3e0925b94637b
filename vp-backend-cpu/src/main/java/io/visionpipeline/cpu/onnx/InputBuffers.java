package io.visionpipeline.cpu.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * One direct buffer per thread for single-input runs ({@link OnnxModel#run(String, float[], long[])}):
 * ONNX Runtime reads a tensor over a direct buffer in place, while a tensor over a Java array
 * costs a fresh direct allocation per run (zeroed, freed only by a later GC, and a {@code System.gc()}
 * when direct memory runs short: 0.48 ms for a 128×128 image where the copy into a kept buffer
 * costs 5 µs). And one float array per thread that stages pack their input into
 * ({@link OnnxModel#run(String, long[], OnnxModel.InputWriter, OnnxModel.OutputReader)}): a fresh 600 KB array per frame,
 * zeroed and then collected, cost more than packing it. Each is only used between filling it and
 * the end of the run, on its thread.
 */
final class InputBuffers {
    /** Inputs larger than this get a buffer of their own rather than growing the kept one. */
    static final int MAX_KEPT_BYTES = 32 << 20;
    private static final ThreadLocal<ByteBuffer> KEPT = new ThreadLocal<>();
    private static final ThreadLocal<float[]> KEPT_FLOATS = new ThreadLocal<>();

    private InputBuffers() {
    }

    /**
     * @param bytes size needed
     * @return a native-order direct buffer of exactly {@code bytes} remaining, position 0
     */
    static ByteBuffer take(int bytes) {
        if (bytes > MAX_KEPT_BYTES) {
            return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        }
        ByteBuffer kept = KEPT.get();
        if (kept == null || kept.capacity() < bytes) {
            kept = ByteBuffer.allocateDirect(Math.max(bytes, kept == null ? 0 : 2 * kept.capacity())).order(ByteOrder.nativeOrder());
            KEPT.set(kept);
        }
        kept.clear().limit(bytes);
        return kept;
    }

    /**
     * @param count values needed
     * @return this thread's array, at least {@code count} long (its values are whatever the last run left)
     */
    static float[] floats(int count) {
        if (count > MAX_KEPT_BYTES / Float.BYTES) {
            return new float[count];
        }
        float[] kept = KEPT_FLOATS.get();
        if (kept == null || kept.length < count) {
            kept = new float[Math.min(MAX_KEPT_BYTES / Float.BYTES, Math.max(count, kept == null ? 0 : 2 * kept.length))];
            KEPT_FLOATS.set(kept);
        }
        return kept;
    }
}
