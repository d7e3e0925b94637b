package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.ocr.TextImages;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where {@link PpOcrSettings#DEFAULT_SPACE_THRESHOLD} comes from: on rendered Latin text in fonts,
 * sizes and sentences the accuracy tests do not use, the recogniser's space probability between
 * two words and between two letters of a word, for every pair of neighbouring characters it read
 * correctly. The threshold must separate the two.
 */
class SpaceCalibrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(SpaceCalibrationTest.class);
    private static final List<String> FONTS = List.of("Liberation Sans", "DejaVu Sans Mono", "DejaVu Sans Condensed", "DejaVu Serif Condensed");
    private static final int[] SIZES = {14, 20, 28, 40, 16, 22, 32};
    private static final String[] WORDS = ("river market open seven window paper during number light people world before "
            + "answer animal little point mother house letter around garden across travel winter summer moving yellow "
            + "question station machine history report series 2019 88 14:05 3.7 #12 (east) north, west; half-price").split(" ");

    @Test
    void theDefaultSpaceThresholdSeparatesWordGapsFromLetterGaps() {
        Random random = new Random(20241125);
        ModelStore store = ModelStore.defaults();
        PpOcrSettings settings = PpOcrSettings.DEFAULT;
        CtcDecoder decoder = CtcDecoder.fromKeyFile(PpOcrRecognizer.MODEL_ID, store.file(PpOcrRecognizer.MODEL_ID, PpOcrRecognizer.KEYS_FILE));
        List<Float> wordGaps = new ArrayList<>();
        List<Float> letterGaps = new ArrayList<>();
        try (OnnxModel det = OnnxModel.load("det", store.file(PpOcrRecognizer.MODEL_ID, PpOcrRecognizer.DETECTOR_FILE), OnnxModel.Options.DEFAULT);
             OnnxModel rec = OnnxModel.load("rec", store.file(PpOcrRecognizer.MODEL_ID, PpOcrRecognizer.RECOGNIZER_FILE), OnnxModel.Options.DEFAULT)) {
            TextDetector detector = new TextDetector(det, settings);
            for (String font : FONTS) {
                for (double degrees : new double[] {0, 3, -3}) {
                    List<TextImages.Line> lines = new ArrayList<>();
                    for (int i = 0; i < SIZES.length; i++) {
                        lines.add(new TextImages.Line(sentence(random), SIZES[i], random.nextBoolean()));
                    }
                    TextImages.Page page = TextImages.render(font, lines, degrees, 60);
                    ImageFrame frame = TestVideos.load(page.file());
                    for (Polygon box : detector.detect(frame)) {
                        int line = lineOf(page, box);
                        if (line >= 0) {
                            collect(frame, box, page.lines().get(line).text(), rec, decoder, wordGaps, letterGaps);
                        }
                    }
                }
            }
        }
        float threshold = settings.spaceThreshold();
        double words = wordGaps.stream().filter(g -> g >= threshold).count() / (double) wordGaps.size();
        double letters = letterGaps.stream().filter(g -> g < threshold).count() / (double) letterGaps.size();
        LOG.info("space probability between words: {}; between letters: {}", summary(wordGaps), summary(letterGaps));
        for (float t : new float[] {0.003f, 0.005f, 0.008f, 0.01f, 0.015f, 0.02f, 0.03f, 0.05f}) {
            LOG.info(String.format(Locale.ROOT, "t=%.3f words %.3f letters %.4f", t,
                    wordGaps.stream().filter(g -> g >= t).count() / (double) wordGaps.size(),
                    letterGaps.stream().filter(g -> g < t).count() / (double) letterGaps.size()));
        }
        LOG.info(String.format(Locale.ROOT, "threshold %.2f: %.1f%% of %d word gaps get a space, %.1f%% of %d letter gaps do not",
                threshold, 100 * words, wordGaps.size(), 100 * letters, letterGaps.size()));
        assertThat(wordGaps).hasSizeGreaterThan(100);
        assertThat(letterGaps).hasSizeGreaterThan(500);
        assertThat(words).isGreaterThanOrEqualTo(0.97);
        assertThat(letters).isGreaterThanOrEqualTo(0.995);
    }

    private static String sentence(Random random) {
        int n = 3 + random.nextInt(2);
        List<String> words = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            words.add(WORDS[random.nextInt(WORDS.length)]);
        }
        String s = String.join(" ", words);
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static int lineOf(TextImages.Page page, Polygon box) {
        for (int i = 0; i < page.bands().size(); i++) {
            if (page.bands().get(i).contains(box.bounds().center())) {
                return i;
            }
        }
        return -1;
    }

    /** Labels each gap of a correctly read line (ignoring spaces) as a word or a letter gap. */
    private static void collect(ImageFrame frame, Polygon box, String truth, OnnxModel rec, CtcDecoder decoder,
                                List<Float> wordGaps, List<Float> letterGaps) {
        ImageRegion region = PpOcrRecognizer.lineRegion(box);
        float[] probabilities = new LineRecognizer(rec, decoder, 1, 1f).call(frame, List.of(region)).run();
        CtcDecoder.Reading reading = decoder.path(probabilities, 0, probabilities.length / decoder.classes());
        String letters = truth.replace(" ", "");
        if (!String.join("", reading.symbols()).replace(" ", "").equals(letters)) {
            return;
        }
        boolean[] spaceAfter = new boolean[letters.length()];
        for (int i = 0, k = -1; i < truth.length(); i++) {
            if (truth.charAt(i) == ' ') {
                spaceAfter[k] = true;
            } else {
                k++;
            }
        }
        int index = 0;
        for (int i = 0; i < reading.symbols().size() - 1; i++) {
            boolean explicit = reading.symbols().get(i).equals(" ") || reading.symbols().get(i + 1).equals(" ");
            if (!reading.symbols().get(i).equals(" ")) {
                if (!explicit && reading.spaceable()[i]) {
                    (spaceAfter[index] ? wordGaps : letterGaps).add(reading.gapSpace()[i]);
                }
                index++;
            }
        }
    }

    private static String summary(List<Float> values) {
        float[] v = new float[values.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = values.get(i);
        }
        Arrays.sort(v);
        return String.format(Locale.ROOT, "n=%d min %.3f p1 %.3f p5 %.3f median %.3f p95 %.3f p99 %.3f max %.3f", v.length, v[0],
                v[(int) (0.01 * (v.length - 1))], v[(int) (0.05 * (v.length - 1))], v[v.length / 2],
                v[(int) (0.95 * (v.length - 1))], v[(int) (0.99 * (v.length - 1))], v[v.length - 1]);
    }
}
