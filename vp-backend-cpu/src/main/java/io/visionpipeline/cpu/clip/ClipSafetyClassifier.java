package io.visionpipeline.cpu.clip;

import io.visionpipeline.embedding.LabelScore;
import io.visionpipeline.embedding.ZeroShotClassifier;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.safety.SafetyClass;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.stage.BatchPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An NSFW head on CLIP: zero-shot classification into nsfwjs's five classes, each described by an
 * ensemble of prompts ({@link #PROMPTS}), so the {@code nsfw} stage's scores, unsafe score, flag
 * and per-media summary mean the same with either provider. The prompts follow the classes'
 * definitions in GantMan's NSFW data set; they have not been measured against labelled data here
 * (no CLIP weights can be had on the build machine): validate the threshold on your own content.
 *
 * <pre>{@code
 * try (SafetyClassifier nsfw = StageProviders.create(StageKinds.NSFW,
 *         new StageSpec("nsfw", "clip", Map.of("model", "/models/clip-vit-base-patch32")))) {
 *     SafetyScore score = nsfw.process(frame);
 * }
 * }</pre>
 */
public final class ClipSafetyClassifier implements SafetyClassifier {
    /** The prompt ensemble of each class, in {@link SafetyClass} order. */
    public static final Map<SafetyClass, List<String>> PROMPTS = Map.of(
            SafetyClass.DRAWING, List.of("a drawing.", "an illustration.", "a cartoon.", "a pencil sketch.", "anime art.", "a painting."),
            SafetyClass.HENTAI, List.of("explicit hentai.", "a pornographic anime drawing.", "a drawing of a sex act.", "nude anime art."),
            SafetyClass.NEUTRAL, List.of("a photo.", "an everyday photo.", "a photo of a landscape.", "a photo of people in everyday clothes.",
                    "a photo of an object.", "a screenshot."),
            SafetyClass.PORN, List.of("a pornographic photo.", "an explicit photo of a sex act.", "a photo of naked people having sex.",
                    "hardcore pornography."),
            SafetyClass.SEXY, List.of("a photo of a person in lingerie.", "a sexy photo of a person in a bikini.", "a topless photo.",
                    "a photo of a person in a provocative pose."));

    private final ClipImageEmbedder clip;
    private final ZeroShotClassifier classifier;
    private final double threshold;

    /**
     * @param clip      the CLIP model's image embedder; this classifier owns it
     * @param threshold unsafe score at and above which a frame is flagged, in (0, 1]
     */
    public ClipSafetyClassifier(ClipImageEmbedder clip, double threshold) {
        SafetyScore.checkThreshold(threshold);
        this.clip = clip;
        this.threshold = threshold;
        ZeroShotClassifier.Builder builder = ZeroShotClassifier.builder(clip);
        for (SafetyClass c : SafetyClass.values()) {
            builder.label(c.label(), PROMPTS.get(c));
        }
        this.classifier = builder.build();
    }

    @Override
    public List<SafetyScore> process(List<ImageFrame> frames) {
        List<SafetyScore> scores = new ArrayList<>(frames.size());
        for (List<LabelScore> labels : classifier.classifyAll(frames)) {
            float[] probabilities = new float[labels.size()];
            for (int i = 0; i < probabilities.length; i++) {
                probabilities[i] = (float) labels.get(i).probability();
            }
            scores.add(SafetyScore.of(probabilities, threshold));
        }
        return scores;
    }

    @Override
    public double threshold() {
        return threshold;
    }

    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(ClipImageEmbedder.BATCH_SIZE, Duration.ofMillis(20));
    }

    @Override
    public String modelName() {
        return clip.modelName() + " (zero-shot, " + SafetyClass.values().length + " prompt ensembles)";
    }

    @Override
    public void close() {
        clip.close();
    }
}
