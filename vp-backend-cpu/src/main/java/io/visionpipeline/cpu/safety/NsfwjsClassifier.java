package io.visionpipeline.cpu.safety;

import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.safety.SafetyClass;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.stage.BatchPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * nsfwjs on ONNX Runtime: each frame is fitted into the 224×224 input ({@link NsfwjsResize}:
 * letterboxed by default, or squashed exactly as nsfwjs's own {@code classify()} does), pixels
 * divided by 255, NHWC; a batch of frames is one run of the model. The five probabilities become
 * a {@link SafetyScore}: {@code unsafe = hentai + porn + sexy}, flagged at the threshold.
 *
 * <pre>{@code
 * try (NsfwjsClassifier nsfw = NsfwjsClassifier.open(NsfwjsModel.MOBILENET_V2, NsfwjsResize.LETTERBOX, ModelStore.defaults(),
 *         NsfwjsClassifier.DEFAULT_THRESHOLD, 8, OnnxModel.Options.DEFAULT)) {
 *     SafetyScore score = nsfw.process(frame);
 * }
 * }</pre>
 */
public final class NsfwjsClassifier implements SafetyClassifier {
    /**
     * Default threshold on the unsafe score: 0.5, where the unsafe classes together become more
     * likely than the safe ones — the model's own decision, with no preference for either error.
     */
    public static final double DEFAULT_THRESHOLD = 0.5;
    private static final int SIZE = NsfwjsModel.INPUT_SIZE;
    private static final int CLASSES = SafetyClass.values().length;

    private final NsfwjsModel variant;
    private final NsfwjsResize resize;
    private final OnnxModel model;
    private final double threshold;
    private final int batchSize;

    private NsfwjsClassifier(NsfwjsModel variant, NsfwjsResize resize, OnnxModel model, double threshold, int batchSize) {
        this.variant = variant;
        this.resize = resize;
        this.model = model;
        this.threshold = threshold;
        this.batchSize = batchSize;
    }

    /**
     * @param variant   which nsfwjs model
     * @param resize    how frames are fitted into the input
     * @param store     where to get it
     * @param threshold unsafe score at and above which a frame is flagged, in (0, 1]
     * @param batchSize most frames per model run, at least 1
     * @param session   ONNX Runtime session settings
     * @return the classifier; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when the model cannot be had
     * @throws IllegalArgumentException                          naming the option that is out of range
     */
    public static NsfwjsClassifier open(NsfwjsModel variant, NsfwjsResize resize, ModelStore store, double threshold, int batchSize,
                                        OnnxModel.Options session) {
        SafetyScore.checkThreshold(threshold);
        if (batchSize < 1) {
            throw new IllegalArgumentException("Option 'batchSize' must be at least 1, got " + batchSize);
        }
        OnnxModel model = OnnxModel.load(variant.modelId(), store.file(variant.modelId(), variant.fileName()), session);
        return new NsfwjsClassifier(variant, resize, model, threshold, batchSize);
    }

    @Override
    public List<SafetyScore> process(List<ImageFrame> frames) {
        List<SafetyScore> scores = new ArrayList<>(frames.size());
        for (int start = 0; start < frames.size(); start += batchSize) {
            List<ImageFrame> batch = frames.subList(start, Math.min(frames.size(), start + batchSize));
            float[] probabilities = model.run(variant.input(), new long[] {batch.size(), SIZE, SIZE, 3}, input -> pack(batch, input),
                    out -> model.floats(out, variant.output()));
            for (int i = 0; i < batch.size(); i++) {
                scores.add(SafetyScore.of(Arrays.copyOfRange(probabilities, i * CLASSES, (i + 1) * CLASSES), threshold));
            }
        }
        return scores;
    }

    /**
     * @param frames frames
     * @param input  where their model input goes
     */
    private void pack(List<ImageFrame> frames, float[] input) {
        int image = SIZE * SIZE * 3;
        for (int i = 0; i < frames.size(); i++) {
            resize.pack(frames.get(i), Normalization.ZERO_TO_ONE, input, i * image);
        }
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(batchSize, Duration.ofMillis(20));
    }

    @Override
    public String modelName() {
        return variant.modelId() + " (224x224, " + resize.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }

    @Override
    public void close() {
        model.close();
    }
}
