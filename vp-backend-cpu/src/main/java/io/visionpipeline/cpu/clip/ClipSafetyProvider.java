package io.visionpipeline.cpu.clip;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxStageProvider;
import io.visionpipeline.cpu.safety.NsfwjsClassifier;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The {@code clip} provider of the {@code nsfw} stage ({@code --nsfw clip}). Options:
 * {@code model} (the folder of a CLIP ONNX export, CLI {@code --clip-model <dir>}; or a Hugging
 * Face repository id, default {@value ClipFiles#DEFAULT_REPOSITORY}, fetched only when downloads
 * are allowed), {@code threshold} (unsafe score that flags a frame, default 0.5),
 * {@code intraOpThreads} (default 1) and the model store's {@code models.*} options. Priority 50,
 * below nsfwjs: chosen by name, since no CLIP weights are at hand by default.
 */
@AutoService(StageProvider.class)
public final class ClipSafetyProvider extends OnnxStageProvider<SafetyClassifier> {

    /** Registers the provider. */
    public ClipSafetyProvider() {
        super(StageKinds.NSFW, "clip", 50, Set.of("model", "threshold", "intraOpThreads"));
    }

    @Override
    public SafetyClassifier create(StageOptions options) {
        ModelStore store = ModelStore.fromOptions(options);
        ClipModel model = ClipModel.open(ClipFiles.resolve(options.get("model", ClipFiles.DEFAULT_REPOSITORY), store), store,
                new OnnxModel.Options(options.getInt("intraOpThreads", 1)));
        try {
            return new ClipSafetyClassifier(new ClipImageEmbedder(model), options.getDouble("threshold", NsfwjsClassifier.DEFAULT_THRESHOLD));
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }
}
