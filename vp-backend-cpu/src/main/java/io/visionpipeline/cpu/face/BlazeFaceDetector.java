package io.visionpipeline.cpu.face;

import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.Resampling;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.core.vision.Detection;
import io.visionpipeline.core.vision.SsdAnchors;
import io.visionpipeline.core.vision.WeightedNms;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.face.FaceLandmarks;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.face.FaceEmbedding;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.stage.SequenceAggregator;
import io.visionpipeline.stage.BatchPolicy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * MediaPipe BlazeFace on ONNX Runtime: each frame is letterboxed into the model's square input
 * (aspect kept, black padding, pixels in [-1, 1]), the 896 SSD anchors are decoded (sigmoid
 * scores, box and six keypoints relative to each anchor), candidates above the score threshold
 * are merged with weighted NMS, and boxes and landmarks are mapped back to frame pixels.
 *
 * <p>With a {@link FaceIdentification}, each face is then aligned and embedded
 * ({@link FaceEmbedderSession}) and the per-media aggregator is an
 * {@link io.visionpipeline.face.IdentityTracker} that groups faces into identities (named from a
 * gallery when one is given).
 *
 * <p>The exported model takes exactly one image per run, so a batch is run image by image; the
 * engine gets parallelism by calling one shared session from several threads (batch policy 1).
 *
 * <pre>{@code
 * try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceModel.SHORT, ModelStore.defaults(),
 *         0.75f, 0.3f, OnnxModel.Options.DEFAULT)) {
 *     List<Face> faces = detector.process(frame);
 * }
 * }</pre>
 */
public final class BlazeFaceDetector implements FaceDetector {
    private static final String INPUT = "input:0";
    private static final String[] SCORES = {"Identity:0", "Identity_1:0"};
    private static final String[] BOXES = {"Identity_2:0", "Identity_3:0"};
    private static final int VALUES_PER_ANCHOR = 16;
    private static final int KEYPOINTS = 6;

    private final List<Range> ranges;
    private final float scoreThreshold;
    private final float iouThreshold;
    private final FaceIdentification identification;

    /** One BlazeFace model: its variant, session and SSD anchors. */
    private record Range(BlazeFaceModel variant, OnnxModel model, float[] anchors) {
    }

    private BlazeFaceDetector(List<Range> ranges, float scoreThreshold, float iouThreshold, FaceIdentification identification) {
        this.ranges = List.copyOf(ranges);
        this.scoreThreshold = scoreThreshold;
        this.iouThreshold = iouThreshold;
        this.identification = identification;
    }

    /**
     * @param variant        short or full range
     * @param store          where to get the model
     * @param scoreThreshold least face score kept, in (0, 1)
     * @param iouThreshold   overlap at which candidates merge
     * @param session        ONNX Runtime session settings
     * @return the detector; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when the model cannot be had
     */
    public static BlazeFaceDetector open(BlazeFaceModel variant, ModelStore store, float scoreThreshold, float iouThreshold,
                                         OnnxModel.Options session) {
        return open(List.of(variant), store, scoreThreshold, iouThreshold, session, null);
    }

    /**
     * @param variants       the models to run on each frame: short range, full range, or both (their
     *                       candidates are merged by one weighted NMS, so close and small faces are found)
     * @param store          where to get the models
     * @param scoreThreshold least face score kept, in (0, 1)
     * @param iouThreshold   overlap at which candidates merge
     * @param session        ONNX Runtime session settings
     * @param identification embedder and identity settings (closed with the detector), or null to detect only
     * @return the detector; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when a model cannot be had
     */
    public static BlazeFaceDetector open(List<BlazeFaceModel> variants, ModelStore store, float scoreThreshold, float iouThreshold,
                                         OnnxModel.Options session, FaceIdentification identification) {
        if (!(scoreThreshold > 0 && scoreThreshold < 1)) {
            throw new IllegalArgumentException("Option 'threshold' must be in (0, 1), got " + scoreThreshold);
        }
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("Option 'nmsIou' must be in (0, 1], got " + iouThreshold);
        }
        if (variants.isEmpty()) {
            throw new IllegalArgumentException("No BlazeFace model to run");
        }
        List<Range> ranges = new ArrayList<>();
        try {
            for (BlazeFaceModel v : variants) {
                ranges.add(new Range(v, OnnxModel.load(v.modelId(), store.file(v.modelId(), v.fileName()), session),
                        SsdAnchors.centres(v.inputSize(), v.strides())));
            }
        } catch (RuntimeException e) {
            ranges.forEach(r -> r.model().close());
            throw e;
        }
        return new BlazeFaceDetector(ranges, scoreThreshold, iouThreshold, identification);
    }

    @Override
    public List<List<Face>> process(List<ImageFrame> frames) {
        List<List<Face>> results = new ArrayList<>(frames.size());
        for (ImageFrame frame : frames) {
            List<Detection> candidates = new ArrayList<>();
            for (Range range : ranges) {
                detect(range, frame, candidates);
            }
            results.add(embed(frame, toFaces(WeightedNms.apply(candidates, iouThreshold), frame)));
        }
        return results;
    }

    /** Runs one model on a frame and adds its candidates, in frame pixels. */
    private void detect(Range range, ImageFrame frame, List<Detection> out) {
        int size = range.variant().inputSize();
        Letterbox box = Letterbox.fit(frame.width(), frame.height(), size, size);
        List<Detection> normalised = new ArrayList<>();
        range.model().run(INPUT, new long[] {1, size, size, 3}, input -> ImageTensors.pack(frame, box,
                Resampling.AREA_SAMPLED_3X3_OR_BILINEAR, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC, input, 0), result -> {
            int anchorBase = 0;
            for (int head = 0; head < SCORES.length; head++) {
                float[] scores = range.model().floats(result, SCORES[head]);
                float[] boxes = range.model().floats(result, BOXES[head]);
                decode(range, scores, boxes, anchorBase, normalised);
                anchorBase += scores.length;
            }
            return normalised;
        });
        for (Detection d : normalised) {
            BoundingBox b = d.box();
            float[] keypoints = new float[2 * KEYPOINTS];
            for (int k = 0; k < KEYPOINTS; k++) {
                keypoints[2 * k] = (float) box.toSourceX(d.keypoints()[2 * k] * size);
                keypoints[2 * k + 1] = (float) box.toSourceY(d.keypoints()[2 * k + 1] * size);
            }
            out.add(new Detection(BoundingBox.ofCorners(box.toSourceX(b.x() * size), box.toSourceY(b.y() * size),
                    box.toSourceX(b.maxX() * size), box.toSourceY(b.maxY() * size)), keypoints, d.score()));
        }
    }

    private List<Face> embed(ImageFrame frame, List<Face> faces) {
        if (identification == null || faces.isEmpty()) {
            return faces;
        }
        List<FaceEmbedding> embeddings = identification.embedder().embed(frame, faces);
        List<Face> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            out.add(faces.get(i).withEmbedding(embeddings.get(i)));
        }
        return out;
    }

    @Override
    public SequenceAggregator<List<Face>> newAggregator(MediaInfo media) {
        return identification == null ? SequenceAggregator.passThrough() : identification.newTracker();
    }

    /** Decodes one output head into candidates in normalised model coordinates. */
    private void decode(Range range, float[] scores, float[] boxes, int anchorBase, List<Detection> out) {
        float size = range.variant().inputSize();
        float[] anchors = range.anchors();
        // sigmoid is monotonic: compare the raw logits first (a little below the threshold's own,
        // so rounding cannot drop a face) and take the exponential only for anchors that may pass
        double logitFloor = Math.log(scoreThreshold / (1 - scoreThreshold)) - 1e-3;
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < logitFloor) {
                continue;
            }
            float score = sigmoid(scores[i]);
            if (score < scoreThreshold) {
                continue;
            }
            float ax = anchors[2 * (anchorBase + i)];
            float ay = anchors[2 * (anchorBase + i) + 1];
            int o = i * VALUES_PER_ANCHOR;
            float cx = ax + boxes[o] / size;
            float cy = ay + boxes[o + 1] / size;
            float w = boxes[o + 2] / size;
            float h = boxes[o + 3] / size;
            if (!(w > 0 && h > 0)) {
                continue;
            }
            float[] keypoints = new float[2 * KEYPOINTS];
            for (int k = 0; k < KEYPOINTS; k++) {
                keypoints[2 * k] = ax + boxes[o + 4 + 2 * k] / size;
                keypoints[2 * k + 1] = ay + boxes[o + 5 + 2 * k] / size;
            }
            out.add(new Detection(BoundingBox.ofCorners(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), keypoints, score));
        }
    }

    private static List<Face> toFaces(List<Detection> detections, ImageFrame frame) {
        List<Face> faces = new ArrayList<>(detections.size());
        for (Detection d : detections) {
            BoundingBox pixels = d.box().clip(frame.width(), frame.height());
            if (pixels.area() <= 0) {
                continue;
            }
            Point[] p = new Point[KEYPOINTS];
            for (int k = 0; k < KEYPOINTS; k++) {
                p[k] = new Point(d.keypoints()[2 * k], d.keypoints()[2 * k + 1]);
            }
            faces.add(new Face(pixels, d.score(), new FaceLandmarks(p[0], p[1], p[2], p[3], p[4], p[5])));
        }
        return faces;
    }

    private static float sigmoid(float x) {
        return (float) (1 / (1 + Math.exp(-Math.max(-100, Math.min(100, x)))));
    }

    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(1, Duration.ZERO);
    }

    @Override
    public String modelName() {
        String detector = ranges.stream().map(r -> r.variant().modelId() + " (" + r.variant().inputSize() + "x" + r.variant().inputSize() + ")")
                .collect(java.util.stream.Collectors.joining(" + "));
        return identification == null ? detector : detector + " + " + identification.embedder().variant().modelId();
    }

    @Override
    public void close() {
        ranges.forEach(r -> r.model().close());
        if (identification != null) {
            identification.close();
        }
    }
}
