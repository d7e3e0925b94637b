package io.visionpipeline.embedding;

import io.visionpipeline.media.ImageFrame;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Classifies images into labels given as text, with any {@link ImageEmbedder} whose
 * {@link ImageEmbedder#textEmbedder() text side} shares its space (CLIP): each label's prompts are
 * embedded once, averaged and normalised (the prompt ensembling of the CLIP paper); an image's
 * label probabilities are the softmax of {@code logitScale × cosine} over the labels.
 *
 * <pre>{@code
 * try (ImageEmbedder clip = Embedders.image("clip", StageOptions.of("model", "/models/clip"))) {
 *     ZeroShotClassifier animals = ZeroShotClassifier.of(clip, List.of("cat", "dog", "horse"));  // "a photo of a cat." …
 *     List<LabelScore> scores = animals.classify(frame);                                          // in label order
 *     ZeroShotClassifier weather = ZeroShotClassifier.builder(clip)
 *             .label("rain", List.of("a photo of rain", "a rainy street", "people with umbrellas"))
 *             .label("sun", List.of("a sunny day", "a photo in bright sunshine"))
 *             .build();
 * }
 * }</pre>
 *
 * Thread-safe when the embedder is.
 *
 * @since 0.1
 */
public final class ZeroShotClassifier {
    /**
     * Default scale of the similarities before the softmax: 100, CLIP's learned temperature
     * ({@code exp(logit_scale)}, which training caps at 100 and released models reach).
     */
    public static final double DEFAULT_LOGIT_SCALE = 100;
    /** Default prompt for a bare label ({@code {}} stands for the label): CLIP's ImageNet template. */
    public static final String DEFAULT_TEMPLATE = "a photo of a {}.";

    private final ImageEmbedder embedder;
    private final List<String> labels;
    private final float[][] classes;
    private final double logitScale;

    private ZeroShotClassifier(ImageEmbedder embedder, Map<String, List<String>> prompts, double logitScale) {
        this.embedder = embedder;
        this.labels = List.copyOf(prompts.keySet());
        this.logitScale = logitScale;
        this.classes = new float[labels.size()][];
        TextEmbedder text = embedder.textEmbedder();
        for (int i = 0; i < labels.size(); i++) {
            List<Embedding> vectors = text.embedAll(prompts.get(labels.get(i)));
            float[] mean = new float[text.dimension()];
            for (Embedding e : vectors) {
                for (int d = 0; d < mean.length; d++) {
                    mean[d] += e.vector()[d] / vectors.size();
                }
            }
            classes[i] = unit(mean);
        }
    }

    /**
     * @param embedder an image embedder with a text side in the same space
     * @param labels   labels, each prompted as {@value #DEFAULT_TEMPLATE}
     * @return the classifier
     */
    public static ZeroShotClassifier of(ImageEmbedder embedder, List<String> labels) {
        Builder builder = builder(embedder);
        labels.forEach(builder::label);
        return builder.build();
    }

    /**
     * @param embedder an image embedder with a text side in the same space
     * @return a builder
     */
    public static Builder builder(ImageEmbedder embedder) {
        return new Builder(embedder);
    }

    /** @return the labels, in the order scores come in */
    public List<String> labels() {
        return labels;
    }

    /**
     * @param frame an image
     * @return one score per label, in label order
     */
    public List<LabelScore> classify(ImageFrame frame) {
        return classifyAll(List.of(frame)).get(0);
    }

    /**
     * @param frames images
     * @return per image, one score per label in label order
     */
    public List<List<LabelScore>> classifyAll(List<ImageFrame> frames) {
        List<List<LabelScore>> out = new ArrayList<>(frames.size());
        for (Embedding image : embedder.embedImages(frames)) {
            double[] cos = new double[labels.size()];
            double max = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < cos.length; i++) {
                double dot = 0;
                for (int d = 0; d < classes[i].length; d++) {
                    dot += image.vector()[d] * classes[i][d];
                }
                cos[i] = dot;
                max = Math.max(max, logitScale * dot);
            }
            double sum = 0;
            double[] e = new double[cos.length];
            for (int i = 0; i < cos.length; i++) {
                e[i] = Math.exp(logitScale * cos[i] - max);
                sum += e[i];
            }
            List<LabelScore> scores = new ArrayList<>(cos.length);
            for (int i = 0; i < cos.length; i++) {
                scores.add(new LabelScore(labels.get(i), e[i] / sum, cos[i]));
            }
            out.add(scores);
        }
        return out;
    }

    private static float[] unit(float[] v) {
        double norm = 0;
        for (float x : v) {
            norm += x * x;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[v.length];
        for (int i = 0; i < v.length && norm > 0; i++) {
            out[i] = (float) (v[i] / norm);
        }
        return out;
    }

    /** Labels with their prompts, and the scale. */
    public static final class Builder {
        private final ImageEmbedder embedder;
        private final Map<String, List<String>> prompts = new LinkedHashMap<>();
        private String template = DEFAULT_TEMPLATE;
        private double logitScale = DEFAULT_LOGIT_SCALE;

        private Builder(ImageEmbedder embedder) {
            this.embedder = Objects.requireNonNull(embedder, "embedder");
        }

        /**
         * @param template prompt for labels added without prompts; {@code {}} stands for the label
         * @return this builder
         */
        public Builder template(String template) {
            if (!Objects.requireNonNull(template, "template").contains("{}")) {
                throw new IllegalArgumentException("a template needs {} where the label goes: " + template);
            }
            this.template = template;
            return this;
        }

        /**
         * @param label a label, prompted with the template
         * @return this builder
         */
        public Builder label(String label) {
            return label(label, List.of(template.replace("{}", label)));
        }

        /**
         * @param label   a label
         * @param prompts its prompts, averaged into one text embedding (at least one)
         * @return this builder
         */
        public Builder label(String label, List<String> prompts) {
            Objects.requireNonNull(label, "label");
            if (prompts.isEmpty()) {
                throw new IllegalArgumentException("label '" + label + "' needs at least one prompt");
            }
            if (this.prompts.putIfAbsent(label, List.copyOf(prompts)) != null) {
                throw new IllegalArgumentException("label '" + label + "' is given twice");
            }
            return this;
        }

        /**
         * @param scale multiplier of the similarities before the softmax, positive
         * @return this builder
         */
        public Builder logitScale(double scale) {
            if (!(scale > 0)) {
                throw new IllegalArgumentException("logitScale must be positive: " + scale);
            }
            this.logitScale = scale;
            return this;
        }

        /**
         * Embeds every prompt.
         *
         * @return the classifier
         * @throws IllegalStateException when fewer than two labels were given
         */
        public ZeroShotClassifier build() {
            if (prompts.size() < 2) {
                throw new IllegalStateException("a zero-shot classifier needs at least two labels, got " + prompts.keySet());
            }
            return new ZeroShotClassifier(embedder, prompts, logitScale);
        }
    }
}
