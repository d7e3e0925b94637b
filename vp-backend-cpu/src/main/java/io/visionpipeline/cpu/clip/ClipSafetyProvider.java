package io.visionpipeline.cpu.clip;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.cpu.safety.NsfwjsClassifier;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The {@code clip} provider of the {@code nsfw} stage ({@code --nsfw clip}). Options:
 * {@code model} (the folder of a CLIP ONNX export, CLI {@code --clip-model <dir>}; or a Hugging
 * Face repository id, default {@value ClipFiles#DEFAULT_REPOSITORY}, fetched only when downloads
 * are allowed), {@code threshold} (unsafe score that flags a frame, default 0.5),
 * {@code intraOpThreads} (default 1) and the model store's {@code models.*} options.
 */
@AutoService(StageProvider.class)
public final class ClipSafetyProvider implements StageProvider<SafetyClassifier> {

    @Override
    public StageKind<SafetyClassifier> kind() {
        return StageKinds.NSFW;
    }

    @Override
    public String name() {
        return "clip";
    }

    /** Below nsfwjs: chosen by name, since its weights are not at hand by default. */
    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability availability() {
        return OnnxRuntime.availability();
    }

    @Override
    public Set<String> optionKeys() {
        return Set.of("model", "threshold", "intraOpThreads");
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
