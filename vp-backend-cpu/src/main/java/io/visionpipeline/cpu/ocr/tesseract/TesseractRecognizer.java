package io.visionpipeline.cpu.ocr.tesseract;

import com.sun.jna.Pointer;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.stage.BatchPolicy;
import io.visionpipeline.stage.StageException;
import net.sourceforge.tess4j.ITessAPI;
import net.sourceforge.tess4j.TessAPI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Tesseract 5 (the system's libtesseract, LSTM engine) through tess4j's JNA binding: the frame
 * goes to Tesseract as a grey picture with its lighting flattened ({@link BackgroundNormalization};
 * Tesseract binarises it itself), the page is recognised once, and each text line becomes a block
 * with its box in frame pixels and its mean word confidence.
 * Small frames are scaled up to {@link TesseractSettings#sideLength()} first and large ones down to
 * {@link TesseractSettings#maxSideLength()}, and the boxes scaled back.
 *
 * <p>A Tesseract engine is not thread-safe: {@link #isThreadSafe()} is false, so the pipeline gives
 * each compute thread an instance of its own; OpenMP inside each is held to one thread
 * ({@link TesseractLibrary}).
 *
 * <pre>{@code
 * try (TesseractRecognizer ocr = TesseractRecognizer.open(ModelStore.defaults(), TesseractSettings.DEFAULT)) {
 *     ocr.process(frame).forEach(line -> System.out.println(line.text()));
 * }
 * }</pre>
 */
public final class TesseractRecognizer implements TextRecognizer {
    private static final Logger LOG = LoggerFactory.getLogger(TesseractRecognizer.class);
    private static final int LINE = ITessAPI.TessPageIteratorLevel.RIL_TEXTLINE;

    private final TessAPI api;
    private final TesseractSettings settings;
    private final Path tessdata;
    private ITessAPI.TessBaseAPI handle;
    private ByteBuffer pixels;

    private TesseractRecognizer(TessAPI api, ITessAPI.TessBaseAPI handle, TesseractSettings settings, Path tessdata) {
        this.api = api;
        this.handle = handle;
        this.settings = settings;
        this.tessdata = tessdata;
    }

    /**
     * @param store    where to get the English model when no tessdata folder is configured
     * @param settings languages, page segmentation and limits
     * @return the recogniser; close it
     * @throws ModelUnavailableException when a language's model cannot be found or loaded
     * @throws StageException            when libtesseract is not installed (with how to install it)
     */
    public static TesseractRecognizer open(ModelStore store, TesseractSettings settings) {
        TessAPI api;
        try {
            api = TesseractLibrary.api();
        } catch (IllegalStateException e) {
            throw new StageException(e.getMessage(), e);
        }
        Path folder = TessData.folder(settings.languages(), settings.tessdata(), store);
        ITessAPI.TessBaseAPI handle = api.TessBaseAPICreate();
        api.TessBaseAPISetVariable(handle, "debug_file", "/dev/null");
        if (api.TessBaseAPIInit2(handle, folder + "/", settings.languages(), ITessAPI.TessOcrEngineMode.OEM_DEFAULT) != 0) {
            api.TessBaseAPIDelete(handle);
            throw new ModelUnavailableException("tesseract-" + settings.languages(), "Tesseract cannot load languages '"
                    + settings.languages() + "' from " + folder + ": a .traineddata file is missing or not for Tesseract 4/5");
        }
        api.TessBaseAPISetPageSegMode(handle, settings.pageSegMode());
        LOG.debug("Tesseract {} ready: languages {} from {}, page segmentation mode {}", TesseractLibrary.version(),
                settings.languages(), folder, settings.pageSegMode());
        return new TesseractRecognizer(api, handle, settings, folder);
    }

    @Override
    public List<List<TextBlock>> process(List<ImageFrame> frames) {
        return frames.stream().map(this::read).toList();
    }

    private List<TextBlock> read(ImageFrame frame) {
        if (handle == null) {
            throw new StageException("The Tesseract recogniser is closed");
        }
        ImageFrame image = fit(frame);
        double scaleX = frame.width() / (double) image.width();
        double scaleY = frame.height() / (double) image.height();
        if (settings.normalizeBackground()) {
            api.TessBaseAPISetImage(handle, copyToNative(BackgroundNormalization.grey(image)), image.width(), image.height(), 1, image.width());
        } else {
            api.TessBaseAPISetImage(handle, copyToNative(image.rgb()), image.width(), image.height(), 3, 3 * image.width());
        }
        try {
            if (api.TessBaseAPIRecognize(handle, null) != 0) {
                throw new StageException("Tesseract failed to recognise " + frame);
            }
            return lines(scaleX, scaleY, frame);
        } finally {
            api.TessBaseAPIClear(handle);
        }
    }

    private List<TextBlock> lines(double scaleX, double scaleY, ImageFrame frame) {
        List<TextBlock> blocks = new ArrayList<>();
        ITessAPI.TessResultIterator it = api.TessBaseAPIGetIterator(handle);
        if (it == null) {
            return blocks;
        }
        try {
            ITessAPI.TessPageIterator page = api.TessResultIteratorGetPageIterator(it);
            IntBuffer left = IntBuffer.allocate(1);
            IntBuffer top = IntBuffer.allocate(1);
            IntBuffer right = IntBuffer.allocate(1);
            IntBuffer bottom = IntBuffer.allocate(1);
            do {
                Pointer utf8 = api.TessResultIteratorGetUTF8Text(it, LINE);
                if (utf8 == null) {
                    continue;
                }
                String text;
                try {
                    text = utf8.getString(0, StandardCharsets.UTF_8.name()).strip();
                } finally {
                    api.TessDeleteText(utf8);
                }
                double confidence = Math.max(0, Math.min(1, api.TessResultIteratorConfidence(it, LINE) / 100.0));
                if (text.isEmpty() || confidence < settings.minConfidence()
                        || api.TessPageIteratorBoundingBox(page, LINE, left, top, right, bottom) == 0) {
                    continue;
                }
                BoundingBox box = BoundingBox.ofCorners(left.get(0) * scaleX, top.get(0) * scaleY,
                        right.get(0) * scaleX, bottom.get(0) * scaleY).clip(frame.width(), frame.height());
                blocks.add(new TextBlock(text, Polygon.of(box), confidence));
            } while (api.TessResultIteratorNext(it, LINE) != 0);
        } finally {
            api.TessResultIteratorDelete(it);
        }
        return blocks;
    }

    /** The frame, scaled up when small and down when large (as {@code ppocr}'s detector input). */
    private ImageFrame fit(ImageFrame frame) {
        int shorter = Math.min(frame.width(), frame.height());
        int longer = Math.max(frame.width(), frame.height());
        double scale = shorter < settings.sideLength() ? settings.sideLength() / (double) shorter : 1;
        if (longer * scale > settings.maxSideLength()) {
            scale = settings.maxSideLength() / (double) longer;
        }
        if (scale == 1) {
            return frame;
        }
        return ImageTensors.resize(frame, Math.max(1, (int) Math.round(frame.width() * scale)),
                Math.max(1, (int) Math.round(frame.height() * scale)));
    }

    private ByteBuffer copyToNative(byte[] image) {
        if (pixels == null || pixels.capacity() < image.length) {
            pixels = ByteBuffer.allocateDirect(image.length);
        }
        pixels.clear();
        pixels.put(image).flip();
        return pixels;
    }

    /** @return false: each thread needs its own Tesseract engine */
    @Override
    public boolean isThreadSafe() {
        return false;
    }

    /** @return one frame per batch: Tesseract reads one page per call */
    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(1, Duration.ZERO);
    }

    @Override
    public String modelName() {
        return "tesseract " + TesseractLibrary.version() + " (" + settings.languages() + ", psm " + settings.pageSegMode() + ")";
    }

    /** @return the folder the language models were loaded from */
    public Path tessdata() {
        return tessdata;
    }

    @Override
    public void close() {
        if (handle != null) {
            api.TessBaseAPIEnd(handle);
            api.TessBaseAPIDelete(handle);
            handle = null;
            pixels = null;
        }
    }
}
