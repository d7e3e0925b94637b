package io.visionpipeline.safety;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Locale;

/**
 * How likely one frame is to be unsafe for work: the five class probabilities (summing to 1), the
 * {@code unsafe} score — the probability mass of the unsafe classes, {@code hentai + porn + sexy}
 * — and whether it reached the classifier's threshold.
 *
 * <pre>{@code
 * SafetyScore s = frame.safety();
 * if (s.flagged()) {
 *     System.out.printf("unsafe %.2f (mostly %s) at %s%n", s.unsafe(), s.topClass().label(), frame.timestamp());
 * }
 * }</pre>
 *
 * @param drawing safe drawings and illustrations
 * @param hentai  pornographic drawings
 * @param neutral safe photographs
 * @param porn    pornographic photographs
 * @param sexy    sexually explicit, not pornographic
 * @param unsafe  {@code hentai + porn + sexy}
 * @param flagged whether {@code unsafe} reached the classifier's threshold
 * @since 0.1
 */
public record SafetyScore(double drawing, double hentai, double neutral, double porn, double sexy, double unsafe, boolean flagged) {

    /** Validates the fields. */
    public SafetyScore {
        for (double p : new double[] {drawing, hentai, neutral, porn, sexy, unsafe}) {
            if (!(p >= 0 && p <= 1 + 1e-6)) {
                throw new IllegalArgumentException("probabilities must be in [0, 1]: " + p);
            }
        }
    }

    /**
     * The one place a frame's scores become a {@code SafetyScore}.
     *
     * @param probabilities the five class probabilities in {@link SafetyClass} order (a softmax output)
     * @param threshold     the {@code unsafe} score at and above which the frame is flagged, in (0, 1]
     * @return the score, with {@code unsafe} and {@code flagged} computed
     * @throws IllegalArgumentException when there are not five probabilities or the threshold is out of range
     */
    public static SafetyScore of(float[] probabilities, double threshold) {
        SafetyClass[] classes = SafetyClass.values();
        if (probabilities.length != classes.length) {
            throw new IllegalArgumentException("expected " + classes.length + " class probabilities, got " + probabilities.length);
        }
        checkThreshold(threshold);
        double unsafe = 0;
        for (SafetyClass c : classes) {
            if (c.isUnsafe()) {
                unsafe += probabilities[c.ordinal()];
            }
        }
        unsafe = Math.min(1, unsafe);
        return new SafetyScore(probabilities[0], probabilities[1], probabilities[2], probabilities[3], probabilities[4], unsafe,
                unsafe >= threshold);
    }

    /**
     * @param threshold an unsafe-score threshold
     * @throws IllegalArgumentException unless it is in (0, 1]
     */
    public static void checkThreshold(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) {
            throw new IllegalArgumentException("Option 'threshold' must be in (0, 1], got " + threshold);
        }
    }

    /**
     * @param c a class
     * @return its probability
     */
    public double score(SafetyClass c) {
        return switch (c) {
            case DRAWING -> drawing;
            case HENTAI -> hentai;
            case NEUTRAL -> neutral;
            case PORN -> porn;
            case SEXY -> sexy;
        };
    }

    /** @return the most likely class */
    public SafetyClass topClass() {
        return Arrays.stream(SafetyClass.values()).max(Comparator.comparingDouble(this::score)).orElseThrow();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SafetyScore[%s unsafe=%.3f drawing=%.3f hentai=%.3f neutral=%.3f porn=%.3f sexy=%.3f]",
                flagged ? "FLAGGED" : "ok", unsafe, drawing, hentai, neutral, porn, sexy);
    }
}
