package io.visionpipeline.ocr;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How alike two pieces of text are, by Levenshtein edit distance over Unicode code points: the
 * measure behind text tracks ({@link TextTracker}) and character error rates.
 *
 * <pre>{@code
 * TextSimilarity.editDistance("PARKING", "PARK1NG");                 // 1
 * TextSimilarity.normalizedDistance("Breaking News", "BREAKING NEWS!"); // 1/13 after folding case
 * }</pre>
 *
 * @since 0.1
 */
public final class TextSimilarity {
    private TextSimilarity() {
    }

    /**
     * @param a a text
     * @param b another text
     * @return the fewest single-character insertions, deletions and substitutions that turn one
     *         into the other
     */
    public static int editDistance(CharSequence a, CharSequence b) {
        int[] x = a.codePoints().toArray();
        int[] y = b.codePoints().toArray();
        int[] previous = new int[y.length + 1];
        int[] current = new int[y.length + 1];
        for (int j = 0; j <= y.length; j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= x.length; i++) {
            current[0] = i;
            for (int j = 1; j <= y.length; j++) {
                int substitute = previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[y.length];
    }

    /**
     * @param text a text
     * @return it in a form that ignores what OCR of the same text commonly varies in: Unicode
     *         compatibility forms (NFKC), letter case, and runs of white space
     */
    public static String normalize(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
    }

    /**
     * @param a a text
     * @param b another text
     * @return the edit distance of their {@link #normalize normalized} forms divided by the longer
     *         one's length: 0 for equal texts, 1 for entirely different ones
     */
    public static double normalizedDistance(String a, String b) {
        String x = normalize(a);
        String y = normalize(b);
        int longer = Math.max(x.codePointCount(0, x.length()), y.codePointCount(0, y.length()));
        return longer == 0 ? 0 : editDistance(x, y) / (double) longer;
    }
}
