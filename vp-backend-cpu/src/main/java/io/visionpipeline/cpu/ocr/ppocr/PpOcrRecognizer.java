package io.visionpipeline.cpu.ocr.ppocr;

import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.stage.BatchPolicy;
import io.visionpipeline.stage.StageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * PP-OCRv4 on ONNX Runtime, as PaddleOCR's {@code TextSystem} runs it: DBNet finds text boxes
 * ({@link TextDetector}), each box is cut out of the frame as an upright line (rotated boxes
 * straightened, tall ones turned a quarter, optionally upside-down ones turned by the angle
 * classifier), the lines are recognised in batches of similar width with CTC decoding
 * ({@link LineRecognizer}), and lines under {@link PpOcrSettings#minConfidence()} are dropped.
 * Text is Chinese and Latin (6623 characters plus space). Blocks come in reading order with their
 * polygons in frame pixels.
 *
 * <p>ONNX Runtime sessions are thread-safe, so one instance serves every thread; memory per call
 * is bounded by {@link PpOcrSettings#maxSideLength()} whatever the frame size.
 *
 * <pre>{@code
 * try (PpOcrRecognizer ocr = PpOcrRecognizer.open(ModelStore.defaults(), PpOcrSettings.DEFAULT)) {
 *     for (TextBlock line : ocr.process(frame)) {
 *         System.out.println(line.text());
 *     }
 * }
 * }</pre>
 */
public final class PpOcrRecognizer implements TextRecognizer {
    /** The model store id of the PP-OCRv4 files. */
    public static final String MODEL_ID = "ppocr-v4";
    static final String DETECTOR_FILE = "ch_PP-OCRv4_det_infer.onnx";
    static final String RECOGNIZER_FILE = "ch_PP-OCRv4_rec_infer.onnx";
    static final String CLASSIFIER_FILE = "ch_ppocr_mobile_v2.0_cls_infer.onnx";
    static final String KEYS_FILE = "ppocr_keys_v1.txt";
    /** A box at least this much taller than wide holds vertical text and is turned (PaddleOCR's rule). */
    private static final double VERTICAL_RATIO = 1.5;
    private static final Logger LOG = LoggerFactory.getLogger(PpOcrRecognizer.class);

    private final PpOcrSettings settings;
    private final List<OnnxModel> models;
    private final TextDetector detector;
    private final LineRecognizer recognizer;
    private final AngleClassifier classifier;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PpOcrRecognizer(PpOcrSettings settings, List<OnnxModel> models, TextDetector detector, LineRecognizer recognizer,
                            AngleClassifier classifier) {
        this.settings = settings;
        this.models = models;
        this.detector = detector;
        this.recognizer = recognizer;
        this.classifier = classifier;
    }

    /**
     * @param store    where to get the models ({@value #MODEL_ID})
     * @param settings thresholds and sizes
     * @return the recogniser; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when a model file cannot be had or loaded
     */
    public static PpOcrRecognizer open(ModelStore store, PpOcrSettings settings) {
        CtcDecoder decoder = CtcDecoder.fromKeyFile(MODEL_ID, store.file(MODEL_ID, KEYS_FILE));
        List<OnnxModel> models = new ArrayList<>();
        try {
            OnnxModel det = load(store, DETECTOR_FILE, models);
            OnnxModel rec = load(store, RECOGNIZER_FILE, models);
            OnnxModel cls = settings.angleClassifier() ? load(store, CLASSIFIER_FILE, models) : null;
            return new PpOcrRecognizer(settings, List.copyOf(models), new TextDetector(det, settings),
                    new LineRecognizer(rec, decoder, settings.batchSize(), settings.spaceThreshold()),
                    cls == null ? null : new AngleClassifier(cls, settings.batchSize()));
        } catch (RuntimeException e) {
            models.forEach(OnnxModel::close);
            throw e;
        }
    }

    private static OnnxModel load(ModelStore store, String file, List<OnnxModel> loaded) {
        OnnxModel model = OnnxModel.load(MODEL_ID + "/" + file, store.file(MODEL_ID, file), OnnxModel.Options.DEFAULT);
        loaded.add(model);
        return model;
    }

    @Override
    public List<List<TextBlock>> process(List<ImageFrame> frames) {
        return frames.stream().map(this::read).toList();
    }

    /**
     * The model runs {@link #process} makes for a frame, their inputs prepared: the detector's, then
     * (for the lines it finds) the angle classifier's when enabled and the recogniser's. Running
     * them again times inference alone, without pre- and post-processing: the baseline the OCR
     * benchmarks compare this recogniser with.
     *
     * @param frame a frame
     * @return the prepared runs, in the order {@code process} makes them
     */
    public List<OnnxModel.Call> inferenceCalls(ImageFrame frame) {
        List<OnnxModel.Call> calls = new ArrayList<>();
        calls.add(detector.call(frame, TextDetector.inputBox(frame.width(), frame.height(), settings)));
        List<Polygon> boxes = detector.detect(frame);
        if (classifier != null && !boxes.isEmpty()) {
            calls.addAll(classifier.calls(frame, boxes.stream().map(PpOcrRecognizer::lineRegion).toList()));
        }
        calls.addAll(recognizer.calls(frame, lines(frame, boxes)));
        return calls;
    }

    private List<TextBlock> read(ImageFrame frame) {
        if (closed.get()) {
            throw new StageException("The ppocr recogniser is closed");
        }
        long started = System.nanoTime();
        List<Polygon> boxes = detector.detect(frame);
        if (boxes.isEmpty()) {
            return List.of();
        }
        List<ImageRegion> lines = lines(frame, boxes);
        List<CtcDecoder.Line> texts = recognizer.recognize(frame, lines);
        List<TextBlock> blocks = new ArrayList<>(boxes.size());
        for (int i = 0; i < boxes.size(); i++) {
            CtcDecoder.Line line = texts.get(i);
            String text = line.text().strip();
            if (!text.isEmpty() && line.confidence() >= settings.minConfidence()) {
                blocks.add(new TextBlock(text, boxes.get(i), Math.min(1, line.confidence())));
            }
        }
        LOG.debug("{}: {} box(es), {} line(s) read in {} ms", frame, boxes.size(), blocks.size(),
                (System.nanoTime() - started) / 1_000_000);
        return blocks;
    }

    /** The upright lines the boxes hold: turned when tall, and by the angle classifier when enabled. */
    private List<ImageRegion> lines(ImageFrame frame, List<Polygon> boxes) {
        List<ImageRegion> lines = boxes.stream().map(PpOcrRecognizer::lineRegion).toList();
        return classifier == null || lines.isEmpty() ? lines : classifier.upright(frame, lines);
    }

    /**
     * @param box a detected box: top-left, top-right, bottom-right, bottom-left
     * @return the upright line it holds, turned a quarter counter-clockwise when it is tall
     */
    static ImageRegion lineRegion(Polygon box) {
        List<Point> p = box.points();
        double width = Math.max(p.get(0).distanceTo(p.get(1)), p.get(3).distanceTo(p.get(2)));
        double height = Math.max(p.get(0).distanceTo(p.get(3)), p.get(1).distanceTo(p.get(2)));
        ImageRegion region = ImageRegion.of(p.get(0), p.get(1), p.get(3),
                (int) Math.max(1, Math.round(width)), (int) Math.max(1, Math.round(height)));
        return height >= VERTICAL_RATIO * width ? region.rotated90CounterClockwise() : region;
    }

    /** @return one frame per batch: the detector runs on one image per call; frames run in parallel */
    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(1, Duration.ZERO);
    }

    @Override
    public String modelName() {
        return MODEL_ID + " (det " + settings.sideLength() + "-" + settings.maxSideLength() + " px + rec"
                + (classifier != null ? " + cls" : "") + ")";
    }

    /** @return the settings in use */
    public PpOcrSettings settings() {
        return settings;
    }

    /** Closes the model sessions; idempotent. Do not call while another thread is in {@link #process}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            models.forEach(OnnxModel::close);
        }
    }
}
