package io.visionpipeline.cpu.safety;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxStageProvider;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The default {@code nsfw} provider, {@code nsfwjs}. Options: {@code model}
 * ({@code mobilenet-v2}, default, or {@code mobilenet-v2-mid}), {@code resize} ({@code letterbox},
 * default, or {@code nsfwjs}: nsfwjs's own squash, for identical scores), {@code threshold} (unsafe score
 * that flags a frame, default 0.5), {@code batchSize} (frames per model run, default 8),
 * {@code intraOpThreads} (default 1), and the model store's {@code models.*} options.
 */
@AutoService(StageProvider.class)
public final class NsfwjsProvider extends OnnxStageProvider<SafetyClassifier> {

    /** Registers the provider. */
    public NsfwjsProvider() {
        super(StageKinds.NSFW, "nsfwjs", 100, Set.of("model", "resize", "threshold", "batchSize", "intraOpThreads"));
    }

    @Override
    public SafetyClassifier create(StageOptions options) {
        return NsfwjsClassifier.open(NsfwjsModel.fromOption(options.get("model", "mobilenet-v2")),
                NsfwjsResize.fromOption(options.get("resize", "letterbox")), ModelStore.fromOptions(options),
                options.getDouble("threshold", NsfwjsClassifier.DEFAULT_THRESHOLD), options.getInt("batchSize", 8),
                new OnnxModel.Options(options.getInt("intraOpThreads", 1)));
    }
}
