package io.visionpipeline.cpu.ocr.tesseract;

import io.visionpipeline.stage.StageOptions;

import java.nio.file.Path;
import java.util.Set;

/**
 * Settings of the {@code tesseract} text recogniser.
 *
 * <p>Stage options (all optional): {@code languages}, {@code pageSegMode}, {@code minConfidence},
 * {@code sideLength}, {@code maxSideLength}, {@code normalizeBackground}, {@code tessdata}.
 *
 * <pre>{@code
 * TesseractSettings s = TesseractSettings.fromOptions(StageOptions.of("languages", "eng+deu", "pageSegMode", "11"));
 * }</pre>
 *
 * @param languages     Tesseract language codes joined by {@code +} (default {@code eng})
 * @param pageSegMode   page segmentation mode, 0–13 as in {@code tesseract --help-psm} (default 3,
 *                      fully automatic, as the {@code tesseract} command; 11, sparse text, suits
 *                      scattered scene text)
 * @param minConfidence lines below this confidence, in [0, 1), are dropped (default 0: every line
 *                      Tesseract reads, as the {@code tesseract} command prints; its line confidences
 *                      run lower than {@code ppocr}'s, 0.3–0.5 for correctly read code in a photo)
 * @param sideLength    smaller frames are scaled up to this shorter side first (default 736, as
 *                      {@code ppocr}'s detector): Tesseract reads text best at 20 px x-height and
 *                      more, and misreads the 5–8 px text of small images and thumbnails
 * @param maxSideLength ... but never beyond this longer side, and larger frames are scaled down to it,
 *                      bounding memory (default 4096: an A4 page at 300 dpi is read at full size)
 * @param normalizeBackground whether uneven lighting is flattened before Tesseract reads the frame
 *                      (default true; see {@code BackgroundNormalization})
 * @param tessdata      folder holding the {@code .traineddata} files, or null to look for them
 */
public record TesseractSettings(String languages, int pageSegMode, double minConfidence, int sideLength, int maxSideLength,
                                boolean normalizeBackground, Path tessdata) {

    /** Default shorter side below which frames are scaled up. */
    public static final int DEFAULT_SIDE_LENGTH = 736;
    /** Default longer side above which frames are scaled down. */
    public static final int DEFAULT_MAX_SIDE_LENGTH = 4096;
    /** The defaults. */
    public static final TesseractSettings DEFAULT = new TesseractSettings("eng", 3, 0, DEFAULT_SIDE_LENGTH, DEFAULT_MAX_SIDE_LENGTH, true, null);
    /** The stage option keys these settings read. */
    public static final Set<String> OPTION_KEYS = Set.of("languages", "pageSegMode", "minConfidence", "sideLength", "maxSideLength",
            "normalizeBackground", "tessdata");

    /** Validates the settings, naming the option at fault. */
    public TesseractSettings {
        if (languages == null || !languages.matches("[A-Za-z0-9_]+(\\+[A-Za-z0-9_]+)*")) {
            throw new IllegalArgumentException("Option 'languages' must be Tesseract language codes joined by '+', e.g. eng+deu, got '"
                    + languages + "'");
        }
        if (pageSegMode < 0 || pageSegMode > 13) {
            throw new IllegalArgumentException("Option 'pageSegMode' must be 0-13 (see tesseract --help-psm), got " + pageSegMode);
        }
        if (!(minConfidence >= 0 && minConfidence < 1)) {
            throw new IllegalArgumentException("Option 'minConfidence' must be in [0, 1), got " + minConfidence);
        }
        if (sideLength < 1) {
            throw new IllegalArgumentException("Option 'sideLength' must be at least 1, got " + sideLength);
        }
        if (maxSideLength < sideLength) {
            throw new IllegalArgumentException("Option 'maxSideLength' must be at least sideLength (" + sideLength + "), got " + maxSideLength);
        }
    }

    /**
     * @param options stage options; absent keys keep their defaults
     * @return the settings
     * @throws IllegalArgumentException naming the option when a value does not parse or is out of range
     */
    public static TesseractSettings fromOptions(StageOptions options) {
        TesseractSettings d = DEFAULT;
        String tessdata = options.get("tessdata", null);
        return new TesseractSettings(options.get("languages", d.languages), options.getInt("pageSegMode", d.pageSegMode),
                options.getDouble("minConfidence", d.minConfidence), options.getInt("sideLength", d.sideLength),
                options.getInt("maxSideLength", d.maxSideLength), options.getBoolean("normalizeBackground", d.normalizeBackground),
                tessdata == null ? null : Path.of(tessdata));
    }
}
