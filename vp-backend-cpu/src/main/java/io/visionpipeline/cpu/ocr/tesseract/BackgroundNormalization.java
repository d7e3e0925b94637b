package io.visionpipeline.cpu.ocr.tesseract;

import io.visionpipeline.media.ImageFrame;

/**
 * Turns a frame into the grey picture Tesseract reads, with uneven lighting flattened: the paper
 * or wall behind dark text is estimated by a grey-level dilation (a running maximum over a window
 * wider than any stroke, which removes the text) smoothed by a box blur, and every pixel is divided
 * by it, so a page in shadow on one side reads like an evenly lit one. Tesseract's global Otsu
 * threshold otherwise loses the shaded words (skimage's page.png: "Let us first" vanishes). The
 * estimate is held at or above {@value #MIN_BACKGROUND}, so dark scenes and caption bars are
 * brightened at most {@code 255 / MIN_BACKGROUND}× rather than turned into noise; light text on
 * them is left as it is. Linear time: van Herk–Gil-Werman maxima and running sums.
 */
final class BackgroundNormalization {
    /** Window side as a fraction of the frame's shorter side: strokes up to 1/30 of it wide are removed. */
    static final int WINDOW_FRACTION = 15;
    /** Least background level divided by. */
    static final int MIN_BACKGROUND = 128;

    private BackgroundNormalization() {
    }

    /**
     * @param frame an RGB frame
     * @return its luminance, background-normalised, one byte per pixel
     */
    static byte[] grey(ImageFrame frame) {
        int w = frame.width();
        int h = frame.height();
        byte[] rgb = frame.rgb();
        byte[] grey = new byte[w * h];
        int[] background = new int[w * h];
        for (int i = 0; i < grey.length; i++) {
            int y = (299 * (rgb[3 * i] & 0xFF) + 587 * (rgb[3 * i + 1] & 0xFF) + 114 * (rgb[3 * i + 2] & 0xFF) + 500) / 1000;
            grey[i] = (byte) y;
            background[i] = y;
        }
        int radius = Math.max(1, Math.min(w, h) / WINDOW_FRACTION / 2);
        maxFilter(background, w, h, radius, 1, w);
        maxFilter(background, h, w, radius, w, 1);
        boxBlur(background, w, h, radius, 1, w);
        boxBlur(background, h, w, radius, w, 1);
        for (int i = 0; i < grey.length; i++) {
            int bg = Math.max(MIN_BACKGROUND, background[i]);
            grey[i] = (byte) Math.min(255, ((grey[i] & 0xFF) * 255 + bg / 2) / bg);
        }
        return grey;
    }

    /**
     * Running maximum over {@code 2 × radius + 1} samples along every line of a 2-D array, in place.
     *
     * @param a      the values
     * @param length samples per line
     * @param lines  number of lines
     * @param radius half window
     * @param step   distance between neighbouring samples of a line
     * @param stride distance between the first samples of neighbouring lines
     */
    private static void maxFilter(int[] a, int length, int lines, int radius, int step, int stride) {
        int window = 2 * radius + 1;
        int padded = length + 2 * radius;
        int[] line = new int[padded];
        int[] prefix = new int[padded];
        int[] suffix = new int[padded];
        for (int l = 0; l < lines; l++) {
            int base = l * stride;
            for (int i = 0; i < padded; i++) {
                int src = Math.max(0, Math.min(length - 1, i - radius));
                line[i] = a[base + src * step];
            }
            for (int i = 0; i < padded; i++) {
                prefix[i] = i % window == 0 ? line[i] : Math.max(prefix[i - 1], line[i]);
            }
            for (int i = padded - 1; i >= 0; i--) {
                suffix[i] = i == padded - 1 || (i + 1) % window == 0 ? line[i] : Math.max(suffix[i + 1], line[i]);
            }
            for (int i = 0; i < length; i++) {
                a[base + i * step] = Math.max(suffix[i], prefix[i + window - 1]);
            }
        }
    }

    /** Running mean over {@code 2 × radius + 1} samples (edges repeated) along every line, in place. */
    private static void boxBlur(int[] a, int length, int lines, int radius, int step, int stride) {
        int window = 2 * radius + 1;
        int[] line = new int[length];
        for (int l = 0; l < lines; l++) {
            int base = l * stride;
            for (int i = 0; i < length; i++) {
                line[i] = a[base + i * step];
            }
            long sum = 0;
            for (int k = -radius; k <= radius; k++) {
                sum += line[Math.max(0, Math.min(length - 1, k))];
            }
            for (int i = 0; i < length; i++) {
                a[base + i * step] = (int) (sum / window);
                sum += line[Math.min(length - 1, i + radius + 1)] - line[Math.max(0, i - radius)];
            }
        }
    }
}
