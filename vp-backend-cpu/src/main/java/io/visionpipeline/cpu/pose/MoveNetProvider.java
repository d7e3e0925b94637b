package io.visionpipeline.cpu.pose;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxStageProvider;
import io.visionpipeline.pose.PoseEstimator;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * The default {@code pose} provider, {@code movenet}. Options: {@code model} ({@code multipose},
 * default; {@code lightning}; {@code thunder}), {@code maxPeople} (1–6; default 6 for MultiPose, 1
 * for the single-pose models), {@code minPoseScore} (least person score, default 0.25),
 * {@code inputSize} (MultiPose's longer input side, a multiple of 32 from 128 to 512, default 256),
 * {@code intraOpThreads} (default 1), and the model store's {@code models.*} options.
 */
@AutoService(StageProvider.class)
public final class MoveNetProvider extends OnnxStageProvider<PoseEstimator> {

    /** Registers the provider. */
    public MoveNetProvider() {
        super(StageKinds.POSE, "movenet", 100, Set.of("model", "maxPeople", "minPoseScore", "inputSize", "intraOpThreads"));
    }

    @Override
    public PoseEstimator create(StageOptions options) {
        MoveNetModel model = MoveNetModel.fromOption(options.get("model", "multipose"));
        return MoveNetEstimator.open(model, ModelStore.fromOptions(options),
                options.getInt("maxPeople", model.isMultiPose() ? MoveNetEstimator.MAX_PEOPLE : 1),
                options.getDouble("minPoseScore", MoveNetEstimator.DEFAULT_MIN_POSE_SCORE),
                options.getInt("inputSize", MoveNetModel.MULTIPOSE.inputSize()),
                new OnnxModel.Options(options.getInt("intraOpThreads", 1)));
    }
}
