package io.visionpipeline.cpu.whisper;

import io.visionpipeline.model.ModelUnavailableException;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a file is a whisper.cpp ggml model that whisper.cpp 1.7.1 will load, before it goes
 * anywhere near native code. whisper.cpp's loader trusts its input: a wrong or truncated file can
 * make it allocate from garbage lengths, write past a fixed array or read uninitialised values,
 * and the JVM dies with it. This check walks the whole layout in Java (reading headers and
 * skipping tensor data, so a 500 MB model takes milliseconds):
 * <ol>
 *   <li>the magic {@code ggml} (0x67676d6c);</li>
 *   <li>the hyper-parameters: a Whisper vocabulary (51864, 51865 or 51866 tokens), 1500 audio and
 *       448 text positions, 80 or 128 mel bands, equal encoder and decoder widths divisible by
 *       their head counts, sane layer counts, a known weight format;</li>
 *   <li>the mel filter bank ({@code n_mels} × 201 floats), every vocabulary entry's length, and the
 *       {@code " "} token that whisper.cpp looks up unchecked;</li>
 *   <li>every tensor header: known name, not repeated, exact shape and type, data inside the file;
 *       all the model's tensors present, nothing after the last.</li>
 * </ol>
 * A file that passes has exactly the size its headers imply.
 *
 * <pre>{@code
 * WhisperHparams h = GgmlWhisperFile.validate(Path.of("ggml-base.en.bin"), "whisper-base.en");
 * }</pre>
 */
public final class GgmlWhisperFile {
    /** The ggml file magic, "ggml" as a little-endian uint32. */
    static final int MAGIC = 0x67676d6c;
    /** FFT bins of the mel filter bank (400-point FFT). */
    static final int N_FFT_BINS = 201;
    /** Positions of Whisper's encoder: 30 s of audio in 20 ms steps. */
    static final int AUDIO_CTX = 1500;
    /** Positions of Whisper's decoder. */
    static final int TEXT_CTX = 448;
    private static final int MAX_STATE = 4096;
    private static final int MAX_HEADS = 64;
    private static final int MAX_LAYERS = 64;
    private static final int MAX_TOKEN_BYTES = 1024;
    private static final int MAX_NAME_BYTES = 256;

    private GgmlWhisperFile() {
    }

    /**
     * @param file    the model file
     * @param modelId the model's name, for messages
     * @return its hyper-parameters, once the whole file checked out
     * @throws ModelUnavailableException naming the file and what is wrong with it
     */
    public static WhisperHparams validate(Path file, String modelId) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size == 0) {
                throw invalid(file, modelId, "the file is empty (0 bytes)");
            }
            Reader in = new Reader(channel, size);
            try {
                int magic = in.int32();
                if (magic != MAGIC) {
                    throw invalid(file, modelId, String.format(Locale.ROOT,
                            "it does not start with the ggml magic 0x%08x (found 0x%08x): not a whisper.cpp model", MAGIC, magic));
                }
                WhisperHparams h = new WhisperHparams(in.int32(), in.int32(), in.int32(), in.int32(), in.int32(),
                        in.int32(), in.int32(), in.int32(), in.int32(), in.int32(), in.int32());
                GgmlType wtype = checkHparams(h, file, modelId);
                checkFiltersAndVocab(in, h, file, modelId);
                checkTensors(in, WhisperTensors.expected(h, wtype), file, modelId);
                return h;
            } catch (EOFException e) {
                throw invalid(file, modelId, "the file is truncated: it ends at byte " + size + " inside " + in.reading);
            }
        } catch (IOException e) {
            throw new ModelUnavailableException(modelId, "Cannot read Whisper model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static GgmlType checkHparams(WhisperHparams h, Path file, String modelId) {
        require(h.nVocab() >= WhisperHparams.VOCAB_ENGLISH && h.nVocab() <= WhisperHparams.VOCAB_LARGE_V3, file, modelId,
                "n_vocab = " + h.nVocab() + " is not a Whisper vocabulary (51864, 51865 or 51866)");
        require(h.nAudioCtx() == AUDIO_CTX, file, modelId, "n_audio_ctx = " + h.nAudioCtx() + " instead of " + AUDIO_CTX);
        require(h.nTextCtx() == TEXT_CTX, file, modelId, "n_text_ctx = " + h.nTextCtx() + " instead of " + TEXT_CTX);
        require(h.nMels() == 80 || h.nMels() == 128, file, modelId, "n_mels = " + h.nMels() + " instead of 80 or 128");
        require(h.nAudioState() == h.nTextState(), file, modelId,
                "encoder width " + h.nAudioState() + " differs from decoder width " + h.nTextState());
        require(h.nAudioState() >= 1 && h.nAudioState() <= MAX_STATE, file, modelId, "width " + h.nAudioState() + " out of range");
        for (int[] heads : new int[][] {{h.nAudioHead(), h.nAudioState()}, {h.nTextHead(), h.nTextState()}}) {
            require(heads[0] >= 1 && heads[0] <= MAX_HEADS && heads[1] % heads[0] == 0, file, modelId,
                    heads[0] + " attention heads do not divide width " + heads[1]);
        }
        require(h.nAudioLayer() >= 1 && h.nAudioLayer() <= MAX_LAYERS && h.nTextLayer() >= 1 && h.nTextLayer() <= MAX_LAYERS,
                file, modelId, "layer counts " + h.nAudioLayer() + "/" + h.nTextLayer() + " out of range");
        int version = h.ftype() / 1000;
        GgmlType wtype = GgmlType.ofFileType(h.ftype() % 1000).orElse(null);
        require(h.ftype() >= 0 && version <= 2 && wtype != null, file, modelId, "unknown weight format ftype = " + h.ftype());
        require(h.nAudioState() % wtype.blockSize() == 0, file, modelId,
                "width " + h.nAudioState() + " is not a multiple of the " + wtype + " block size " + wtype.blockSize());
        return wtype;
    }

    private static void checkFiltersAndVocab(Reader in, WhisperHparams h, Path file, String modelId) throws IOException {
        in.reading = "the mel filter bank";
        int nMel = in.int32();
        int nFft = in.int32();
        require(nMel == h.nMels() && nFft == N_FFT_BINS, file, modelId,
                "the mel filter bank is " + nMel + "x" + nFft + " instead of " + h.nMels() + "x" + N_FFT_BINS);
        in.skip(4L * nMel * nFft);
        in.reading = "the vocabulary";
        int count = in.int32();
        require(count >= 1 && count <= h.nVocab(), file, modelId, "the vocabulary lists " + count + " tokens (1.." + h.nVocab() + " expected)");
        boolean space = false;
        for (int i = 0; i < count; i++) {
            in.reading = "vocabulary token " + i;
            int length = in.int32();
            require(length >= 0 && length <= MAX_TOKEN_BYTES, file, modelId, "vocabulary token " + i + " claims " + length + " bytes");
            if (length == 1) {
                space |= in.bytes(1)[0] == ' ';
            } else {
                in.skip(length);
            }
        }
        require(space, file, modelId, "the vocabulary has no ' ' token (whisper.cpp looks it up when suppressing blanks)");
    }

    private static void checkTensors(Reader in, Map<String, WhisperTensors.Spec> expected, Path file, String modelId) throws IOException {
        Set<String> seen = new HashSet<>();
        while (in.remaining() > 0) {
            in.reading = "the header of tensor " + (seen.size() + 1);
            int dims = in.int32();
            int nameLength = in.int32();
            int typeCode = in.int32();
            require(dims >= 1 && dims <= 4, file, modelId, "tensor " + (seen.size() + 1) + " has " + dims + " dimensions");
            require(nameLength >= 1 && nameLength <= MAX_NAME_BYTES, file, modelId,
                    "tensor " + (seen.size() + 1) + " has a name of " + nameLength + " bytes");
            long[] ne = {1, 1, 1, 1};
            for (int i = 0; i < dims; i++) {
                ne[i] = in.int32();
            }
            String name = new String(in.bytes(nameLength), StandardCharsets.UTF_8);
            WhisperTensors.Spec spec = expected.get(name);
            require(spec != null, file, modelId, "unknown tensor '" + name + "'");
            require(seen.add(name), file, modelId, "tensor '" + name + "' appears twice");
            long[] want = {1, 1, 1, 1};
            System.arraycopy(spec.ne(), 0, want, 0, spec.ne().length);
            require(java.util.Arrays.equals(ne, want), file, modelId, "tensor '" + name + "' has shape "
                    + java.util.Arrays.toString(ne) + " instead of " + java.util.Arrays.toString(want));
            GgmlType type = GgmlType.ofCode(typeCode).orElse(null);
            require(type == spec.type(), file, modelId, "tensor '" + name + "' has type "
                    + (type == null ? "code " + typeCode : type) + " instead of " + spec.type());
            in.reading = "the data of tensor '" + name + "' (" + spec.bytes() + " bytes)";
            in.skip(spec.bytes());
        }
        for (String name : expected.keySet()) {
            require(seen.contains(name), file, modelId, "tensor '" + name + "' is missing (" + seen.size() + " of "
                    + expected.size() + " tensors present): the file is truncated or not a complete model");
        }
    }

    private static void require(boolean ok, Path file, String modelId, String problem) {
        if (!ok) {
            throw invalid(file, modelId, problem);
        }
    }

    private static ModelUnavailableException invalid(Path file, String modelId, String problem) {
        return new ModelUnavailableException(modelId, "Cannot use " + file + " as Whisper model '" + modelId + "': " + problem
                + ". Use a whisper.cpp ggml model: ./vp models fetch whisper-base.en, or a ggml-*.bin from"
                + " https://huggingface.co/ggerganov/whisper.cpp");
    }

    /** Little-endian reads from a file, knowing what it is reading for messages. */
    private static final class Reader {
        private final FileChannel channel;
        private final long size;
        private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        private long bufferStart;
        private String reading = "the header";

        Reader(FileChannel channel, long size) {
            this.channel = channel;
            this.size = size;
            buffer.limit(0);
        }

        long position() {
            return bufferStart + buffer.position();
        }

        long remaining() {
            return size - position();
        }

        int int32() throws IOException {
            fill(4);
            return buffer.getInt();
        }

        byte[] bytes(int n) throws IOException {
            fill(n);
            byte[] out = new byte[n];
            buffer.get(out);
            return out;
        }

        void skip(long n) throws IOException {
            if (n > remaining()) {
                throw new EOFException();
            }
            if (n <= buffer.remaining()) {
                buffer.position(buffer.position() + (int) n);
                return;
            }
            bufferStart = position() + n;
            buffer.limit(0);
        }

        private void fill(int n) throws IOException {
            if (buffer.remaining() >= n) {
                return;
            }
            if (remaining() < n) {
                throw new EOFException();
            }
            long at = position();
            buffer.clear();
            channel.position(at);
            while (buffer.position() < n) {
                if (channel.read(buffer) < 0) {
                    throw new EOFException();
                }
            }
            buffer.flip();
            bufferStart = at;
        }
    }
}
