package io.visionpipeline.cpu.ocr.tesseract;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The {@code tesseract} OCR provider: the system's libtesseract 5, strong on documents and slides,
 * any installed language. Options: those of {@link TesseractSettings} and the model store's
 * {@code models.*}. Below {@code ppocr} in priority: choose it by name.
 */
@AutoService(StageProvider.class)
@SuppressWarnings("rawtypes")
public final class TesseractProvider implements StageProvider<TextRecognizer> {

    @Override
    public StageKind<TextRecognizer> kind() {
        return StageKinds.OCR;
    }

    @Override
    public String name() {
        return "tesseract";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability availability() {
        return TesseractLibrary.availability();
    }

    @Override
    public Set<String> optionKeys() {
        return TesseractSettings.OPTION_KEYS;
    }

    @Override
    public TextRecognizer create(StageOptions options) {
        return TesseractRecognizer.open(ModelStore.fromOptions(options), TesseractSettings.fromOptions(options));
    }
}
