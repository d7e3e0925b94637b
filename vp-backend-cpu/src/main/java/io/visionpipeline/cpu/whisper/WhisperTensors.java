package io.visionpipeline.cpu.whisper;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The tensors a whisper.cpp 1.7.1 model file must hold, by name, with their shapes and types, as
 * {@code whisper_model_load} creates them from the hyper-parameters: the big matrices in the
 * model's weight type, convolutions in F16 (F32 for an F32 model), everything else in F32.
 */
final class WhisperTensors {
    /** A tensor's shape (ggml order: innermost dimension first) and element type. */
    record Spec(long[] ne, GgmlType type) {
        long elements() {
            long n = 1;
            for (long d : ne) {
                n *= d;
            }
            return n;
        }

        long bytes() {
            return type.bytes(ne);
        }
    }

    private WhisperTensors() {
    }

    /**
     * @param h     the hyper-parameters
     * @param wtype the type of the big matrices
     * @return every tensor by name, encoder first
     */
    static Map<String, Spec> expected(WhisperHparams h, GgmlType wtype) {
        GgmlType vtype = wtype == GgmlType.F32 ? GgmlType.F32 : GgmlType.F16;
        Map<String, Spec> t = new LinkedHashMap<>();
        int s = h.nAudioState();
        put(t, "encoder.positional_embedding", GgmlType.F32, s, h.nAudioCtx());
        put(t, "encoder.conv1.weight", vtype, 3, h.nMels(), s);
        put(t, "encoder.conv1.bias", GgmlType.F32, 1, s);
        put(t, "encoder.conv2.weight", vtype, 3, s, s);
        put(t, "encoder.conv2.bias", GgmlType.F32, 1, s);
        put(t, "encoder.ln_post.weight", GgmlType.F32, s);
        put(t, "encoder.ln_post.bias", GgmlType.F32, s);
        for (int i = 0; i < h.nAudioLayer(); i++) {
            block(t, "encoder.blocks." + i + ".", s, wtype, false);
        }
        int d = h.nTextState();
        put(t, "decoder.positional_embedding", GgmlType.F32, d, h.nTextCtx());
        put(t, "decoder.token_embedding.weight", wtype, d, h.nVocab());
        put(t, "decoder.ln.weight", GgmlType.F32, d);
        put(t, "decoder.ln.bias", GgmlType.F32, d);
        for (int i = 0; i < h.nTextLayer(); i++) {
            block(t, "decoder.blocks." + i + ".", d, wtype, true);
        }
        return t;
    }

    private static void block(Map<String, Spec> t, String prefix, int s, GgmlType wtype, boolean cross) {
        put(t, prefix + "mlp_ln.weight", GgmlType.F32, s);
        put(t, prefix + "mlp_ln.bias", GgmlType.F32, s);
        put(t, prefix + "mlp.0.weight", wtype, s, 4L * s);
        put(t, prefix + "mlp.0.bias", GgmlType.F32, 4L * s);
        put(t, prefix + "mlp.2.weight", wtype, 4L * s, s);
        put(t, prefix + "mlp.2.bias", GgmlType.F32, s);
        attention(t, prefix + "attn", s, wtype);
        if (cross) {
            attention(t, prefix + "cross_attn", s, wtype);
        }
    }

    private static void attention(Map<String, Spec> t, String prefix, int s, GgmlType wtype) {
        put(t, prefix + "_ln.weight", GgmlType.F32, s);
        put(t, prefix + "_ln.bias", GgmlType.F32, s);
        put(t, prefix + ".query.weight", wtype, s, s);
        put(t, prefix + ".query.bias", GgmlType.F32, s);
        put(t, prefix + ".key.weight", wtype, s, s);
        put(t, prefix + ".value.weight", wtype, s, s);
        put(t, prefix + ".value.bias", GgmlType.F32, s);
        put(t, prefix + ".out.weight", wtype, s, s);
        put(t, prefix + ".out.bias", GgmlType.F32, s);
    }

    private static void put(Map<String, Spec> t, String name, GgmlType type, long... ne) {
        t.put(name, new Spec(ne, type));
    }
}
