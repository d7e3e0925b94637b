package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.model.ModelUnavailableException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Greedy CTC decoding with PaddleOCR's key file ({@code CTCLabelDecode}), plus word spaces: class 0
 * is the CTC blank, classes 1…n are the file's lines, class n+1 is a space; per time step the most
 * likely class is taken, repeats are collapsed and blanks dropped. The confidence is the mean
 * probability of the characters kept.
 *
 * <p>The PP-OCRv4 recogniser learnt mostly Chinese, where spaces are rare, and under-predicts them
 * in Latin text: between two words the space class rises to 0.1–0.7 in the blank steps but seldom
 * wins ("Thankyouforwatching"), while between two letters of a word it stays below 0.05. So a space
 * is also written between two non-CJK characters when the space probability of some step between
 * them reaches {@code spaceThreshold} (see {@link PpOcrSettings#spaceThreshold()}).
 */
final class CtcDecoder {
    private final String[] symbols;
    private final boolean[] spaced;

    private CtcDecoder(String[] symbols) {
        this.symbols = symbols;
        this.spaced = new boolean[symbols.length];
        for (int i = 1; i < symbols.length; i++) {
            spaced[i] = usesSpaces(symbols[i]);
        }
    }

    /**
     * @param modelId  the model the key file belongs to, for messages
     * @param keysFile one character per line, UTF-8
     * @return the decoder
     * @throws ModelUnavailableException when the file cannot be read or is empty
     */
    static CtcDecoder fromKeyFile(String modelId, Path keysFile) {
        List<String> keys;
        try {
            keys = Files.readAllLines(keysFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModelUnavailableException(modelId, "Cannot read the key file " + keysFile + " of model '" + modelId + "': " + e.getMessage(), e);
        }
        if (keys.isEmpty()) {
            throw new ModelUnavailableException(modelId, "The key file " + keysFile + " of model '" + modelId + "' is empty");
        }
        List<String> symbols = new ArrayList<>(keys.size() + 2);
        symbols.add("");
        symbols.addAll(keys);
        symbols.add(" ");
        return new CtcDecoder(symbols.toArray(String[]::new));
    }

    /** @return the number of classes the recogniser must output per time step */
    int classes() {
        return symbols.length;
    }

    /**
     * A decoded line.
     *
     * @param text       the characters
     * @param confidence mean probability of the characters read, 0 when there are none
     */
    record Line(String text, double confidence) {
    }

    /**
     * The greedy path through one line's outputs.
     *
     * @param symbols    the characters read, in order (a space class read is {@code " "})
     * @param confidence mean probability of those characters, 0 when there are none
     * @param gapSpace   for each pair of neighbouring characters, the highest space probability
     *                   of the steps between them (0 when they are adjacent or one is a space)
     * @param spaceable  for each pair, whether a space may go between them (neither is a space or
     *                   a CJK character)
     */
    record Reading(List<String> symbols, double confidence, float[] gapSpace, boolean[] spaceable) {

        /**
         * @param spaceThreshold least gap space probability that writes a space
         * @return the line's text
         */
        String text(float spaceThreshold) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < symbols.size(); i++) {
                if (i > 0 && spaceable[i - 1] && gapSpace[i - 1] >= spaceThreshold) {
                    text.append(' ');
                }
                if (!(symbols.get(i).equals(" ") && !text.isEmpty() && text.charAt(text.length() - 1) == ' ')) {
                    text.append(symbols.get(i));
                }
            }
            return text.toString();
        }
    }

    /**
     * @param probabilities  softmax outputs, time step by time step, {@link #classes()} values each
     * @param offset         where this line's first step starts
     * @param steps          how many time steps the line has
     * @param spaceThreshold least space probability between two characters that writes a space
     * @return the line
     */
    Line decode(float[] probabilities, int offset, int steps, float spaceThreshold) {
        Reading path = path(probabilities, offset, steps);
        return new Line(path.text(spaceThreshold), path.confidence());
    }

    /**
     * @param probabilities softmax outputs, time step by time step
     * @param offset        where this line's first step starts
     * @param steps         how many time steps the line has
     * @return the greedy path with the space evidence between its characters
     */
    Reading path(float[] probabilities, int offset, int steps) {
        int classes = symbols.length;
        int space = classes - 1;
        List<String> read = new ArrayList<>();
        List<Float> gaps = new ArrayList<>();
        List<Boolean> spaceable = new ArrayList<>();
        double sum = 0;
        int previous = -1;
        int lastKept = -1;
        float gapSpace = 0;
        for (int t = 0; t < steps; t++) {
            int base = offset + t * classes;
            int best = 0;
            float bestP = probabilities[base];
            for (int c = 1; c < classes; c++) {
                if (probabilities[base + c] > bestP) {
                    bestP = probabilities[base + c];
                    best = c;
                }
            }
            if (best != 0 && best != previous) {
                if (lastKept >= 0) {
                    gaps.add(gapSpace);
                    spaceable.add(lastKept != space && best != space && spaced[lastKept] && spaced[best]);
                }
                read.add(symbols[best]);
                sum += bestP;
                lastKept = best;
                gapSpace = 0;
            } else if (best == 0 && lastKept >= 0) {
                gapSpace = Math.max(gapSpace, probabilities[base + space]);
            }
            previous = best;
        }
        float[] gapArray = new float[gaps.size()];
        boolean[] spaceableArray = new boolean[gaps.size()];
        for (int i = 0; i < gapArray.length; i++) {
            gapArray[i] = gaps.get(i);
            spaceableArray[i] = spaceable.get(i);
        }
        return new Reading(List.copyOf(read), read.isEmpty() ? 0 : sum / read.size(), gapArray, spaceableArray);
    }

    /** Whether text in this symbol's script separates words with spaces (not Chinese, Japanese or Korean). */
    private static boolean usesSpaces(String symbol) {
        return symbol.codePoints().noneMatch(cp -> switch (Character.UnicodeScript.of(cp)) {
            case HAN, HIRAGANA, KATAKANA, HANGUL, BOPOMOFO -> true;
            default -> false;
        });
    }
}
