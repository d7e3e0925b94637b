package io.visionpipeline.cpu.ocr.ppocr;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The default {@code ocr} provider, {@code ppocr}: PP-OCRv4 on ONNX Runtime, no system library
 * needed. Options: those of {@link PpOcrSettings} and the model store's {@code models.*}.
 */
@AutoService(StageProvider.class)
@SuppressWarnings("rawtypes")
public final class PpOcrProvider implements StageProvider<TextRecognizer> {

    @Override
    public StageKind<TextRecognizer> kind() {
        return StageKinds.OCR;
    }

    @Override
    public String name() {
        return "ppocr";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return OnnxRuntime.availability();
    }

    @Override
    public Set<String> optionKeys() {
        return PpOcrSettings.OPTION_KEYS;
    }

    @Override
    public TextRecognizer create(StageOptions options) {
        return PpOcrRecognizer.open(ModelStore.fromOptions(options), PpOcrSettings.fromOptions(options));
    }
}
