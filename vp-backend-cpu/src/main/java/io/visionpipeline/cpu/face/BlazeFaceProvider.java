package io.visionpipeline.cpu.face;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxStageProvider;
import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The default {@code faces} provider, {@code blazeface}. Options: {@code model} ({@code short},
 * default, or {@code full}), {@code threshold} (least face score, default 0.75), {@code nmsIou}
 * (merge overlap, default 0.3), {@code intraOpThreads} (ONNX Runtime threads inside one run,
 * default 1: the executor already runs frames in parallel), and the model store's
 * {@code models.*} options.
 */
@AutoService(StageProvider.class)
public final class BlazeFaceProvider extends OnnxStageProvider<FaceDetector> {
    /**
     * Default least face score: 0.75, the default of the packaged models' own detector
     * (keijiro/BlazeFaceBarracuda {@code FaceDetector.ProcessImage}). MediaPipe's 0.5 lets
     * round objects through: on skimage's coffee.png the full-range model scores 0.68.
     */
    public static final float DEFAULT_THRESHOLD = 0.75f;
    /** Default overlap at which candidates merge (MediaPipe's value). */
    public static final float DEFAULT_NMS_IOU = 0.3f;

    /** Registers the provider. */
    public BlazeFaceProvider() {
        super(StageKinds.FACES, "blazeface", 100, Set.of("model", "threshold", "nmsIou", "intraOpThreads"));
    }

    @Override
    public FaceDetector create(StageOptions options) {
        return BlazeFaceDetector.open(BlazeFaceModel.fromOption(options.get("model", "short")), ModelStore.fromOptions(options),
                (float) options.getDouble("threshold", DEFAULT_THRESHOLD), (float) options.getDouble("nmsIou", DEFAULT_NMS_IOU),
                new OnnxModel.Options(options.getInt("intraOpThreads", 1)));
    }
}
