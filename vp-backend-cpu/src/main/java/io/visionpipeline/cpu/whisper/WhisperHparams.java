package io.visionpipeline.cpu.whisper;

import java.util.Locale;

/**
 * The hyper-parameters at the head of a whisper.cpp ggml model file.
 *
 * @param nVocab      vocabulary size: 51864 for English-only models, 51865 multilingual, 51866 large-v3
 * @param nAudioCtx   encoder positions (1500: 30 s of audio)
 * @param nAudioState encoder width
 * @param nAudioHead  encoder attention heads
 * @param nAudioLayer encoder layers (4 tiny, 6 base, 12 small, 24 medium, 32 large)
 * @param nTextCtx    decoder positions (448)
 * @param nTextState  decoder width (equal to the encoder's)
 * @param nTextHead   decoder attention heads
 * @param nTextLayer  decoder layers
 * @param nMels       mel bands (80; 128 for large-v3)
 * @param ftype       weight format, {@code ggml_ftype} plus 1000 × quantisation version
 */
public record WhisperHparams(int nVocab, int nAudioCtx, int nAudioState, int nAudioHead, int nAudioLayer,
                             int nTextCtx, int nTextState, int nTextHead, int nTextLayer, int nMels, int ftype) {

    /** Vocabulary of English-only models. */
    public static final int VOCAB_ENGLISH = 51864;
    /** Vocabulary of multilingual models. */
    public static final int VOCAB_MULTILINGUAL = 51865;
    /** Vocabulary of large-v3 (one more language). */
    public static final int VOCAB_LARGE_V3 = 51866;

    /** @return whether the model knows other languages than English */
    public boolean multilingual() {
        return nVocab >= VOCAB_MULTILINGUAL;
    }

    /** @return the size class by encoder depth, as whisper.cpp names it */
    public String sizeClass() {
        return switch (nAudioLayer) {
            case 4 -> "tiny";
            case 6 -> "base";
            case 12 -> "small";
            case 24 -> "medium";
            case 32 -> "large";
            default -> "custom";
        };
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "whisper %s%s (%d+%d layers, width %d, %s)", sizeClass(), multilingual() ? "" : ".en",
                nAudioLayer, nTextLayer, nAudioState, GgmlType.ofFileType(ftype % 1000).map(Enum::name).orElse("ftype " + ftype));
    }
}
