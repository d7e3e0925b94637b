package io.visionpipeline.cpu.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Writes a tiny but valid GGUF v3 file of the {@code llama} architecture that llama.cpp loads and
 * runs: a SentencePiece vocabulary (control tokens, the 256 byte-fallback tokens llama.cpp needs,
 * and a few word pieces), one transformer block with random attention and feed-forward weights,
 * and an embedding/output pair chosen so that greedy decoding always says {@link #ANSWER}.
 *
 * <p>How the answer is wired: every token's embedding has a constant component on dimension 0,
 * and answer word {@code i} adds a large component on dimension {@code 1 + i}. The output row of
 * the first answer word reads dimension 0, so whatever the prompt ends with, it comes first; the
 * output row of word {@code i + 1} reads dimension {@code 1 + i}, so each word is followed by the
 * next, and the last word is followed by end-of-sequence. The attention and feed-forward weights
 * are random but small at their outputs, so they run through the native path without changing
 * the greedy choice. No real weights can be had here; this exercises the real loader and sampler.
 */
public final class TinyLlamaGguf {
    /** What the model answers to any prompt (greedy decoding). */
    public static final String ANSWER = "Two people are on screen [1] and [99].";
    private static final String[] WORDS = {"▁Two", "▁people", "▁are", "▁on", "▁screen", "▁[1]", "▁and", "▁[99]", "."};
    private static final int ALIGN = 32;
    private static final int EMBED = 64;
    private static final int HEADS = 4;
    private static final int FF = 32;
    private static final int CONTEXT = 2048;

    private TinyLlamaGguf() {
    }

    /** @return the model, written once into the shared test media folder */
    public static Path cached() {
        return write(io.visionpipeline.testing.TestMedia.generatedDir().resolve("tiny-llama-v1.gguf"));
    }

    /**
     * @param file where to write it (cached: written once per path)
     * @return the file
     */
    public static Path write(Path file) {
        if (Files.isRegularFile(file)) {
            return file;
        }
        List<String> tokens = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
        List<Integer> types = new ArrayList<>(List.of(2, 3, 3));
        for (int b = 0; b < 256; b++) {
            tokens.add(String.format("<0x%02X>", b));
            types.add(6);
        }
        int firstWord = tokens.size();
        for (String w : WORDS) {
            tokens.add(w);
            types.add(1);
        }
        int vocab = tokens.size();
        float[] scores = new float[vocab];
        for (int i = 0; i < vocab; i++) {
            scores[i] = types.get(i) == 1 ? -1 : 0;
        }

        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("general.architecture", "llama");
        kv.put("general.name", "visionpipeline-tiny-test-llama");
        kv.put("general.alignment", ALIGN);
        kv.put("llama.context_length", CONTEXT);
        kv.put("llama.embedding_length", EMBED);
        kv.put("llama.block_count", 1);
        kv.put("llama.feed_forward_length", FF);
        kv.put("llama.attention.head_count", HEADS);
        kv.put("llama.attention.head_count_kv", HEADS);
        kv.put("llama.rope.dimension_count", EMBED / HEADS);
        kv.put("llama.attention.layer_norm_rms_epsilon", 1e-5f);
        kv.put("tokenizer.ggml.model", "llama");
        kv.put("tokenizer.ggml.tokens", tokens);
        kv.put("tokenizer.ggml.scores", scores);
        kv.put("tokenizer.ggml.token_type", types.stream().mapToInt(Integer::intValue).toArray());
        kv.put("tokenizer.ggml.bos_token_id", 1);
        kv.put("tokenizer.ggml.eos_token_id", 2);
        kv.put("tokenizer.ggml.unknown_token_id", 0);
        kv.put("tokenizer.ggml.add_bos_token", true);

        Random random = new Random(42);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        float[] embeddings = new float[vocab * EMBED];
        for (int t = 0; t < vocab; t++) {
            embeddings[t * EMBED] = 1;
            if (t >= firstWord) {
                embeddings[t * EMBED + 1 + (t - firstWord)] = 10;
            }
        }
        tensors.put("token_embd.weight", new Tensor(new long[] {EMBED, vocab}, embeddings));
        tensors.put("output_norm.weight", new Tensor(new long[] {EMBED}, filled(EMBED, 1)));
        float[] output = new float[vocab * EMBED];
        output[firstWord * EMBED] = 1; // the first word follows anything
        for (int i = 0; i + 1 < WORDS.length; i++) {
            output[(firstWord + i + 1) * EMBED + 1 + i] = 1; // word i+1 follows word i
        }
        output[2 * EMBED + WORDS.length] = 1; // end of sequence follows the last word
        tensors.put("output.weight", new Tensor(new long[] {EMBED, vocab}, output));
        tensors.put("blk.0.attn_norm.weight", new Tensor(new long[] {EMBED}, filled(EMBED, 1)));
        for (String w : new String[] {"attn_q", "attn_k", "attn_v"}) {
            tensors.put("blk.0." + w + ".weight", new Tensor(new long[] {EMBED, EMBED}, gaussian(random, EMBED * EMBED, 0.1f)));
        }
        tensors.put("blk.0.attn_output.weight", new Tensor(new long[] {EMBED, EMBED}, gaussian(random, EMBED * EMBED, 0.001f)));
        tensors.put("blk.0.ffn_norm.weight", new Tensor(new long[] {EMBED}, filled(EMBED, 1)));
        tensors.put("blk.0.ffn_gate.weight", new Tensor(new long[] {EMBED, FF}, gaussian(random, EMBED * FF, 0.1f)));
        tensors.put("blk.0.ffn_up.weight", new Tensor(new long[] {EMBED, FF}, gaussian(random, EMBED * FF, 0.1f)));
        tensors.put("blk.0.ffn_down.weight", new Tensor(new long[] {FF, EMBED}, gaussian(random, EMBED * FF, 0.001f)));
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path part = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(encode(kv, tensors));
            }
            return Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private record Tensor(long[] dims, float[] data) {
    }

    private static ByteBuffer encode(Map<String, Object> kv, Map<String, Tensor> tensors) {
        Buffer b = new Buffer();
        b.bytes("GGUF".getBytes(StandardCharsets.US_ASCII)).u32(3).u64(tensors.size()).u64(kv.size());
        kv.forEach((key, value) -> {
            b.string(key);
            b.value(value);
        });
        long offset = 0;
        for (Map.Entry<String, Tensor> t : tensors.entrySet()) {
            b.string(t.getKey()).u32(t.getValue().dims().length);
            for (long d : t.getValue().dims()) {
                b.u64(d);
            }
            b.u32(0).u64(offset); // type F32
            offset = align(offset + 4L * t.getValue().data().length);
        }
        b.pad();
        for (Tensor t : tensors.values()) {
            for (float f : t.data()) {
                b.f32(f);
            }
            b.pad();
        }
        return b.done();
    }

    private static long align(long n) {
        return (n + ALIGN - 1) / ALIGN * ALIGN;
    }

    private static float[] filled(int n, float v) {
        float[] a = new float[n];
        java.util.Arrays.fill(a, v);
        return a;
    }

    private static float[] gaussian(Random random, int n, float scale) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) random.nextGaussian() * scale;
        }
        return a;
    }

    /** A growing little-endian byte buffer with GGUF's value encodings. */
    private static final class Buffer {
        private ByteBuffer buf = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);

        private void ensure(int n) {
            if (buf.remaining() < n) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buf.capacity() * 2, buf.position() + n)).order(ByteOrder.LITTLE_ENDIAN);
                buf.flip();
                bigger.put(buf);
                buf = bigger;
            }
        }

        Buffer bytes(byte[] b) {
            ensure(b.length);
            buf.put(b);
            return this;
        }

        Buffer u32(int v) {
            ensure(4);
            buf.putInt(v);
            return this;
        }

        Buffer u64(long v) {
            ensure(8);
            buf.putLong(v);
            return this;
        }

        Buffer f32(float v) {
            ensure(4);
            buf.putFloat(v);
            return this;
        }

        Buffer string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return u64(b.length).bytes(b);
        }

        void value(Object v) {
            if (v instanceof String s) {
                u32(8).string(s);
            } else if (v instanceof Integer i) {
                u32(4).u32(i);
            } else if (v instanceof Float f) {
                u32(6).f32(f);
            } else if (v instanceof Boolean bool) {
                u32(7);
                ensure(1);
                buf.put((byte) (bool ? 1 : 0));
            } else if (v instanceof float[] fs) {
                u32(9).u32(6).u64(fs.length);
                for (float f : fs) {
                    f32(f);
                }
            } else if (v instanceof int[] is) {
                u32(9).u32(5).u64(is.length);
                for (int i : is) {
                    u32(i);
                }
            } else if (v instanceof List<?> list) {
                u32(9).u32(8).u64(list.size());
                for (Object s : list) {
                    string((String) s);
                }
            } else {
                throw new IllegalArgumentException("no GGUF encoding for " + v);
            }
        }

        void pad() {
            int p = (int) (align(buf.position()) - buf.position());
            ensure(p);
            buf.put(new byte[p]);
        }

        ByteBuffer done() {
            buf.flip();
            return buf;
        }
    }
}
