package io.visionpipeline.cpu.whisper;

import io.visionpipeline.testing.TestMedia;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Writes a tiny Whisper model in whisper.cpp's real ggml format, since no real Whisper weights can
 * be had here: the magic, the hyper-parameters of a multilingual model (51865 tokens, 1500 audio
 * and 448 text positions, 80 mel bands) at a width of 64 with one encoder and one decoder layer,
 * a mel filter bank, a vocabulary, and every tensor whisper.cpp 1.7.1 expects, by name, shape and
 * type, filled with seeded random weights (layer norms at 1, biases at 0). It loads and runs
 * through the whole native path; what it says is noise. About 7.5 MB, cached under the test
 * media folder.
 */
final class TinyWhisperModel {
    static final WhisperHparams HPARAMS = new WhisperHparams(WhisperHparams.VOCAB_MULTILINGUAL, 1500, 64, 2, 1, 448, 64, 2, 1, 80, 1);
    /** Tokens listed in the vocabulary section (ids 0..50256: the text tokens of a multilingual model). */
    static final int VOCAB_LISTED = 50257;
    private static final long SEED = 20241007L;

    private TinyWhisperModel() {
    }

    /** @return the model file, written on first use */
    static synchronized Path file() {
        Path file = TestMedia.generatedDir().resolve("ggml-tiny-random-w64-v2.bin");
        if (!Files.isRegularFile(file)) {
            Path part = file.resolveSibling(file.getFileName() + ".part" + ProcessHandle.current().pid());
            try {
                write(part, HPARAMS);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the tiny Whisper model", e);
            }
        }
        return file;
    }

    static void write(Path file, WhisperHparams h) throws IOException {
        SplittableRandom random = new SplittableRandom(SEED);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ints(out, GgmlWhisperFile.MAGIC, h.nVocab(), h.nAudioCtx(), h.nAudioState(), h.nAudioHead(), h.nAudioLayer(),
                    h.nTextCtx(), h.nTextState(), h.nTextHead(), h.nTextLayer(), h.nMels(), h.ftype());
            ints(out, h.nMels(), GgmlWhisperFile.N_FFT_BINS);
            float[] filters = new float[h.nMels() * GgmlWhisperFile.N_FFT_BINS];
            for (int m = 0; m < h.nMels(); m++) {
                // triangular bands spread over the bins, like a mel filter bank
                int centre = 1 + m * (GgmlWhisperFile.N_FFT_BINS - 2) / h.nMels();
                for (int k = Math.max(0, centre - 2); k <= Math.min(GgmlWhisperFile.N_FFT_BINS - 1, centre + 2); k++) {
                    filters[m * GgmlWhisperFile.N_FFT_BINS + k] = 0.01f * (3 - Math.abs(k - centre));
                }
            }
            out.write(floats(filters));
            ints(out, VOCAB_LISTED);
            for (int i = 0; i < VOCAB_LISTED; i++) {
                byte[] token = (i < 26 ? String.valueOf((char) ('a' + i)) : i == 26 ? " " : " w" + i).getBytes(StandardCharsets.UTF_8);
                ints(out, token.length);
                out.write(token);
            }
            GgmlType wtype = GgmlType.ofFileType(h.ftype()).orElseThrow();
            for (Map.Entry<String, WhisperTensors.Spec> e : WhisperTensors.expected(h, wtype).entrySet()) {
                tensor(out, e.getKey(), e.getValue(), random);
            }
        }
    }

    private static void tensor(OutputStream out, String name, WhisperTensors.Spec spec, SplittableRandom random) throws IOException {
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        ints(out, spec.ne().length, bytes.length, spec.type().code());
        for (long d : spec.ne()) {
            ints(out, (int) d);
        }
        out.write(bytes);
        int n = (int) spec.elements();
        float[] values = new float[n];
        boolean bias = name.endsWith(".bias");
        boolean norm = name.contains("ln") && name.endsWith(".weight");
        double scale = spec.ne().length >= 2 ? 1 / Math.sqrt(spec.ne()[0] * (spec.ne().length == 3 ? spec.ne()[1] : 1)) : 0;
        for (int i = 0; i < n; i++) {
            values[i] = norm ? 1f : bias ? 0f : (float) (random.nextGaussian() * scale);
        }
        out.write(spec.type() == GgmlType.F32 ? floats(values) : halves(values));
    }

    private static void ints(OutputStream out, int... values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        out.write(b.array());
    }

    private static byte[] floats(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    /** IEEE 754 half precision, round to nearest (values here are small and finite). */
    private static byte[] halves(float[] values) {
        ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putShort(toHalf(v));
        }
        return b.array();
    }

    static short toHalf(float f) {
        int bits = Float.floatToIntBits(f);
        int sign = (bits >>> 16) & 0x8000;
        int exponent = ((bits >>> 23) & 0xff) - 127 + 15;
        int mantissa = bits & 0x7fffff;
        if (exponent <= 0) {
            if (exponent < -10) {
                return (short) sign;
            }
            mantissa = (mantissa | 0x800000) >> (1 - exponent);
            return (short) (sign | (mantissa + 0x1000) >> 13);
        }
        if (exponent >= 31) {
            return (short) (sign | 0x7c00);
        }
        int half = sign | exponent << 10 | mantissa >> 13;
        return (short) (half + ((mantissa & 0x1000) != 0 ? 1 : 0));
    }

    /** @return a source of random bytes for corrupt files */
    static Random random() {
        return new Random(SEED);
    }
}
