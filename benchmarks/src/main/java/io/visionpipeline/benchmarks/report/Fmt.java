package io.visionpipeline.benchmarks.report;

import java.util.Locale;

/** Number formats of the performance report. */
final class Fmt {
    private Fmt() {
    }

    /** @return a rate or count with 3 significant digits, e.g. {@code 427}, {@code 2.29}, {@code 1 690} */
    static String num(double value) {
        if (Double.isNaN(value)) {
            return "–";
        }
        double abs = Math.abs(value);
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", value).replace(',', ' ');
        }
        return String.format(Locale.ROOT, abs >= 100 ? "%.0f" : abs >= 10 ? "%.1f" : "%.2f", value);
    }

    /** @return a cost ratio against a baseline, e.g. {@code 1.07×} */
    static String ratio(double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%.2f×", value);
    }

    /** @return a share, e.g. {@code 83 %} */
    static String percent(double share) {
        return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
    }

    /** @return seconds, e.g. {@code 14.8 s} */
    static String seconds(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, seconds >= 10 ? "%.1f s" : "%.2f s", seconds);
    }
}
