package io.visionpipeline.cpu.whisper;

import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.speech.SpeechTranscriber;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Bad model files never reach whisper.cpp: each is a {@link ModelUnavailableException} naming the
 * file and the problem, through every entry point, and the JVM lives on to load a good model.
 */
class GgmlWhisperFileTest {
    /** Offsets in the tiny model: after the 12 header ints come the 80x201 filters, then the vocabulary. */
    private static final int FILTERS_AT = 48;
    private static final int VOCAB_AT = FILTERS_AT + 8 + 4 * 80 * 201;

    @Test
    void acceptsAWellFormedModelAndReadsItsHyperParameters() {
        WhisperHparams h = GgmlWhisperFile.validate(TinyWhisperModel.file(), "tiny");
        assertThat(h).isEqualTo(TinyWhisperModel.HPARAMS);
        assertThat(h.multilingual()).isTrue();
    }

    @Test
    void aRandomFileNamedLikeARealModelIsRejectedByItsMagic(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[1 << 20];
        TinyWhisperModel.random().nextBytes(noise);
        Path fake = Files.write(dir.resolve("ggml-base.bin"), noise);
        assertRejected(fake, "does not start with the ggml magic");
    }

    @Test
    void anEmptyFileIsRejected(@TempDir Path dir) throws IOException {
        assertRejected(Files.createFile(dir.resolve("ggml-base.en.bin")), "the file is empty (0 bytes)");
    }

    @ParameterizedTest(name = "truncated after {0} bytes")
    @ValueSource(ints = {3, 20, FILTERS_AT + 4, VOCAB_AT + 2, VOCAB_AT + 5_000, 700_000, 1_000_000, 4_000_000})
    void aTruncatedRealFormatFileIsRejectedWhereverItIsCut(int keep, @TempDir Path dir) throws IOException {
        Path cut = Files.write(dir.resolve("ggml-tiny.bin"), Arrays.copyOf(Files.readAllBytes(TinyWhisperModel.file()), keep));
        assertRejected(cut, "truncated");
    }

    @Test
    void aFileMissingItsLastByteOrWithBytesAfterTheLastTensorIsRejected(@TempDir Path dir) throws IOException {
        byte[] good = Files.readAllBytes(TinyWhisperModel.file());
        assertRejected(Files.write(dir.resolve("short.bin"), Arrays.copyOf(good, good.length - 1)), "truncated");
        assertRejected(Files.write(dir.resolve("long.bin"), Arrays.copyOf(good, good.length + 7)), "truncated");
    }

    @Test
    void headerFieldsOutsideWhatWhisperCppCanLoadAreRejected(@TempDir Path dir) throws IOException {
        assertRejected(patched(dir, 4, 1_000_000_000), "n_vocab = 1000000000");
        assertRejected(patched(dir, 8, 3000), "n_audio_ctx = 3000");
        assertRejected(patched(dir, 12, 96), "differs from decoder width");
        assertRejected(patched(dir, 16, 3), "3 attention heads do not divide width 64");
        assertRejected(patched(dir, 40, 40), "n_mels = 40");
        assertRejected(patched(dir, 44, 5), "unknown weight format ftype = 5");
        assertRejected(patched(dir, FILTERS_AT, 81), "mel filter bank is 81x201");
        assertRejected(patched(dir, VOCAB_AT, -7), "the vocabulary lists -7 tokens");
        assertRejected(patched(dir, VOCAB_AT + 4, 1 << 30), "vocabulary token 0 claims 1073741824 bytes");
    }

    @Test
    void tensorHeadersThatWouldMisleadTheLoaderAreRejected(@TempDir Path dir) throws IOException {
        int tensors = tensorsStart();
        assertRejected(patched(dir, tensors, 9), "tensor 1 has 9 dimensions");
        assertRejected(patched(dir, tensors + 4, 1 << 30), "a name of 1073741824 bytes");
        assertRejected(patched(dir, tensors + 8, 99), "type code 99 instead of F32");
        assertRejected(patched(dir, tensors + 12, 65), "has shape [65, 1500, 1, 1] instead of [64, 1500, 1, 1]");
        assertRejected(patched(dir, tensors + 20, 0x6e6b6e75), "unknown tensor 'unkn");
    }

    @Test
    void aVocabularyWithoutTheSpaceTokenWhisperCppLooksUpIsRejected(@TempDir Path dir) throws IOException {
        byte[] bytes = Files.readAllBytes(TinyWhisperModel.file());
        int space = indexOf(bytes, new byte[] {1, 0, 0, 0, ' '}, VOCAB_AT);
        bytes[space + 4] = '_';
        assertRejected(Files.write(dir.resolve("ggml-nospace.bin"), bytes), "no ' ' token");
    }

    @Test
    void badFilesFailTheSameWayThroughTheModelLoaderAndTheProvider(@TempDir Path dir) throws IOException {
        Path fake = Files.write(dir.resolve("ggml-base.bin"), "definitely not a model\n".repeat(100).getBytes());
        assertThatThrownBy(() -> WhisperModel.open(fake, "whisper-base"))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining(fake.toString());
        assertThatThrownBy(() -> StageProviders.create(new WhisperProvider(), StageOptions.of("model", fake.toString())))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("ggml magic");
        // the JVM and whisper.cpp are fine: a good model still loads and runs
        try (SpeechTranscriber good = StageProviders.create(new WhisperProvider(), StageOptions.of("model", TinyWhisperModel.file().toString()))) {
            assertThat(good.modelName()).contains("ggml-tiny-random");
        }
    }

    @Test
    void anUnknownLanguageFailsWhenTheStageIsCreated() {
        assertThatThrownBy(() -> StageProviders.create(new WhisperProvider(),
                StageOptions.of("model", TinyWhisperModel.file().toString(), "language", "xx")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not know the language 'xx'");
    }

    @Test
    void anUnknownModelNameSaysWhichNamesExist() {
        assertThatThrownBy(() -> StageProviders.create(new WhisperProvider(), StageOptions.of("model", "huge.en")))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("base.en-q5_1");
    }

    private static void assertRejected(Path file, String problem) {
        assertThatThrownBy(() -> GgmlWhisperFile.validate(file, "whisper-test"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining(problem)
                .hasMessageContaining("./vp models fetch");
    }

    private static Path patched(Path dir, int offset, int value) throws IOException {
        byte[] bytes = Files.readAllBytes(TinyWhisperModel.file());
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(offset, value);
        return Files.write(Files.createTempFile(dir, "ggml-patched-", ".bin"), bytes);
    }

    /** @return the offset of the first tensor header: after the vocabulary */
    private static int tensorsStart() throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(TinyWhisperModel.file())).order(ByteOrder.LITTLE_ENDIAN);
        int at = VOCAB_AT;
        int count = b.getInt(at);
        at += 4;
        for (int i = 0; i < count; i++) {
            at += 4 + b.getInt(at);
        }
        return at;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }
}
