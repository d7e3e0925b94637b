package io.visionpipeline.cpu.ocr;

import io.visionpipeline.ocr.TextSimilarity;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Accumulates a character error rate: edit distance between what an engine read and the truth,
 * over the truth's length. Both sides are compared in NFKC form (a full-width comma is a comma)
 * with runs of white space as one space; case counts.
 */
final class CharacterErrors {
    private long errors;
    private long characters;

    /**
     * @param expected the true text
     * @param actual   what was read
     */
    void add(String expected, String actual) {
        String truth = normalize(expected);
        errors += TextSimilarity.editDistance(truth, normalize(actual));
        characters += truth.codePointCount(0, truth.length());
    }

    /** @param spurious text read where there is none: every character is an error */
    void addSpurious(String spurious) {
        String text = normalize(spurious);
        errors += text.codePointCount(0, text.length());
    }

    /** @return errors over characters, 0 when nothing was added */
    double rate() {
        return characters == 0 ? 0 : errors / (double) characters;
    }

    static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ");
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "CER %.2f%% (%d errors in %d characters)", 100 * rate(), errors, characters);
    }
}
