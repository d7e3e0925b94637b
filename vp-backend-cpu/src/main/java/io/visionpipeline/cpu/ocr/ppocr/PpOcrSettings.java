package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.stage.StageOptions;

import java.util.Set;

/**
 * Settings of the {@code ppocr} text recogniser, with PaddleOCR's own defaults for PP-OCRv4
 * ({@code tools/infer/utility.py}) except the input size, which follows RapidOCR (the packaging
 * of these ONNX models): the shorter side is brought to {@value #DEFAULT_SIDE_LENGTH} px so small
 * video text stays readable, the longer side is capped at {@value #DEFAULT_MAX_SIDE_LENGTH} px so
 * a huge image costs bounded memory.
 *
 * <p>Stage options (all optional): {@code sideLength}, {@code maxSideLength}, {@code threshold},
 * {@code boxThreshold}, {@code unclipRatio}, {@code maxCandidates}, {@code angleClassifier},
 * {@code minConfidence}, {@code batchSize}, {@code spaceThreshold}.
 *
 * <pre>{@code
 * PpOcrSettings s = PpOcrSettings.fromOptions(StageOptions.of("angleClassifier", "true", "boxThreshold", "0.5"));
 * }</pre>
 *
 * @param sideLength      the detector input's shorter side is scaled up to this (then both sides to multiples of 32)
 * @param maxSideLength   ... but its longer side never beyond this, so large images are scaled down
 * @param threshold       a detector pixel is text when its probability is above this (DBNet {@code det_db_thresh})
 * @param boxThreshold    a text region is kept when its mean probability is above this ({@code det_db_box_thresh}, score mode {@code slow})
 * @param unclipRatio     how far a box is grown from the shrunk text kernel DBNet predicts ({@code det_db_unclip_ratio})
 * @param maxCandidates   at most this many regions are examined per frame ({@code max_candidates})
 * @param angleClassifier whether lines are checked for being upside down and turned first ({@code use_angle_cls})
 * @param minConfidence   recognised lines below this confidence are dropped ({@code drop_score})
 * @param batchSize       most lines recognised per model call, of one padded width ({@code rec_batch_num})
 * @param spaceThreshold  a space is written between two Latin characters when the recogniser's
 *                        space probability between them reaches this; 1 writes only the spaces it
 *                        reads outright, as PaddleOCR does (see {@link #DEFAULT_SPACE_THRESHOLD})
 */
public record PpOcrSettings(int sideLength, int maxSideLength, float threshold, float boxThreshold, double unclipRatio,
                            int maxCandidates, boolean angleClassifier, double minConfidence, int batchSize,
                            float spaceThreshold) {

    /** Default shorter side of the detector input (RapidOCR's {@code limit_side_len}, type {@code min}). */
    public static final int DEFAULT_SIDE_LENGTH = 736;
    /** Default cap on the longer side of the detector input (RapidOCR's {@code max_side_len}). */
    public static final int DEFAULT_MAX_SIDE_LENGTH = 2000;

    /**
     * Default space threshold, 0.01, calibrated on rendered Latin text in fonts, sizes and sentences
     * that the accuracy tests do not use ({@code SpaceCalibrationTest}): between two words the
     * recogniser's highest space probability had a median of 0.18 and a 1st percentile of 0.025;
     * between two letters of a word a 99th percentile of 0.002 and a maximum of 0.006.
     */
    public static final float DEFAULT_SPACE_THRESHOLD = 0.01f;

    /** The defaults. */
    public static final PpOcrSettings DEFAULT = new PpOcrSettings(DEFAULT_SIDE_LENGTH, DEFAULT_MAX_SIDE_LENGTH,
            0.3f, 0.6f, 1.5, 1000, false, 0.5, 6, DEFAULT_SPACE_THRESHOLD);

    /** The stage option keys these settings read. */
    public static final Set<String> OPTION_KEYS = Set.of("sideLength", "maxSideLength", "threshold", "boxThreshold",
            "unclipRatio", "maxCandidates", "angleClassifier", "minConfidence", "batchSize", "spaceThreshold");

    /** Validates the settings, naming the option at fault. */
    public PpOcrSettings {
        require(sideLength >= 32, "sideLength", "at least 32", sideLength);
        require(maxSideLength >= sideLength, "maxSideLength", "at least sideLength (" + sideLength + ")", maxSideLength);
        require(threshold > 0 && threshold < 1, "threshold", "in (0, 1)", threshold);
        require(boxThreshold > 0 && boxThreshold < 1, "boxThreshold", "in (0, 1)", boxThreshold);
        require(unclipRatio > 0 && unclipRatio <= 10, "unclipRatio", "in (0, 10]", unclipRatio);
        require(maxCandidates >= 1, "maxCandidates", "at least 1", maxCandidates);
        require(minConfidence >= 0 && minConfidence < 1, "minConfidence", "in [0, 1)", minConfidence);
        require(batchSize >= 1, "batchSize", "at least 1", batchSize);
        require(spaceThreshold > 0 && spaceThreshold <= 1, "spaceThreshold", "in (0, 1]", spaceThreshold);
    }

    /**
     * @param options stage options; absent keys keep their defaults
     * @return the settings
     * @throws IllegalArgumentException naming the option when a value does not parse or is out of range
     */
    public static PpOcrSettings fromOptions(StageOptions options) {
        PpOcrSettings d = DEFAULT;
        return new PpOcrSettings(options.getInt("sideLength", d.sideLength), options.getInt("maxSideLength", d.maxSideLength),
                (float) options.getDouble("threshold", d.threshold), (float) options.getDouble("boxThreshold", d.boxThreshold),
                options.getDouble("unclipRatio", d.unclipRatio), options.getInt("maxCandidates", d.maxCandidates),
                options.getBoolean("angleClassifier", d.angleClassifier), options.getDouble("minConfidence", d.minConfidence),
                options.getInt("batchSize", d.batchSize), (float) options.getDouble("spaceThreshold", d.spaceThreshold));
    }

    private static void require(boolean ok, String option, String expected, Object value) {
        if (!ok) {
            throw new IllegalArgumentException("Option '" + option + "' must be " + expected + ", got " + value);
        }
    }
}
