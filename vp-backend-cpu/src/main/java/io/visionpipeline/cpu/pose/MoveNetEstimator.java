package io.visionpipeline.cpu.pose;

import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.pose.Keypoint;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.pose.PoseEstimator;
import io.visionpipeline.stage.BatchPolicy;
import io.visionpipeline.stage.StageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * MoveNet body poses on ONNX Runtime, as TF.js pose-detection runs the models:
 *
 * <ul>
 *   <li><b>MultiPose</b> (default): the frame is resized so its longer side is {@code inputSize}
 *       (256) and padded to multiples of 32, aspect kept; up to six people come back with their
 *       boxes, 17 keypoints and a score; people under {@code minPoseScore} are dropped.</li>
 *   <li><b>Lightning / Thunder</b> (one person): the whole frame, letterboxed into the square
 *       input, gives a first pose; then the square crop around that person (TF.js
 *       pose-detection's crop: centred on the hips, 1.9× the torso, 1.2× the body) is run again,
 *       which sharpens the keypoints of people who fill little of the frame. With
 *       {@code maxPeople > 1}, MultiPose finds the people and the single-pose model refines each
 *       one in its own crop.</li>
 * </ul>
 *
 * Keypoints and boxes are mapped back through the letterbox or crop into frame pixels, for any
 * aspect ratio. The models take one image per run, so frames of a batch run one after another and
 * the engine gets parallelism from the shared, thread-safe sessions (batch policy 1).
 *
 * <pre>{@code
 * try (MoveNetEstimator movenet = MoveNetEstimator.open(MoveNetModel.MULTIPOSE, ModelStore.defaults(), 6,
 *         MoveNetEstimator.DEFAULT_MIN_POSE_SCORE, 256, OnnxModel.Options.DEFAULT)) {
 *     List<Pose> people = movenet.process(frame);
 * }
 * }</pre>
 */
public final class MoveNetEstimator implements PoseEstimator {
    /** Least person score kept: 0.25, TF.js pose-detection's {@code DEFAULT_MIN_POSE_SCORE} for MoveNet. */
    public static final double DEFAULT_MIN_POSE_SCORE = 0.25;
    /** MultiPose returns six people at most. */
    public static final int MAX_PEOPLE = 6;
    private static final Logger LOG = LoggerFactory.getLogger(MoveNetEstimator.class);
    private static final int DIVISOR = 32;
    private static final int PERSON_VALUES = 17 * MoveNetKeypoints.VALUES + 5;

    private final MoveNetSession multiPose;
    private final MoveNetSession singlePose;
    private final int maxPeople;
    private final double minPoseScore;
    private final int multiPoseSize;

    private MoveNetEstimator(MoveNetSession multiPose, MoveNetSession singlePose, int maxPeople, double minPoseScore, int multiPoseSize) {
        this.multiPose = multiPose;
        this.singlePose = singlePose;
        this.maxPeople = maxPeople;
        this.minPoseScore = minPoseScore;
        this.multiPoseSize = multiPoseSize;
    }

    /**
     * @param model         MultiPose, or Lightning/Thunder for single-pose keypoints
     * @param store         where to get the models
     * @param maxPeople     most people per frame, 1–6; single-pose models with more than one also load MultiPose
     * @param minPoseScore  least person score kept, in [0, 1)
     * @param multiPoseSize MultiPose's longer input side: a multiple of 32 from 128 to 512 (TF.js pose-detection's bounds)
     * @param session       ONNX Runtime session settings
     * @return the estimator; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when a model cannot be had
     * @throws IllegalArgumentException                          naming the option that is out of range
     */
    public static MoveNetEstimator open(MoveNetModel model, ModelStore store, int maxPeople, double minPoseScore, int multiPoseSize,
                                        OnnxModel.Options session) {
        if (maxPeople < 1 || maxPeople > MAX_PEOPLE) {
            throw new IllegalArgumentException("Option 'maxPeople' must be 1 to " + MAX_PEOPLE + ", got " + maxPeople);
        }
        if (!(minPoseScore >= 0 && minPoseScore < 1)) {
            throw new IllegalArgumentException("Option 'minPoseScore' must be in [0, 1), got " + minPoseScore);
        }
        if (multiPoseSize % DIVISOR != 0 || multiPoseSize < 128 || multiPoseSize > 512) {
            throw new IllegalArgumentException("Option 'inputSize' must be a multiple of 32 from 128 to 512, got " + multiPoseSize);
        }
        boolean needsMultiPose = model.isMultiPose() || maxPeople > 1;
        MoveNetSession multi = needsMultiPose ? MoveNetSession.open(MoveNetModel.MULTIPOSE, store, session) : null;
        try {
            MoveNetSession single = model.isMultiPose() ? null : MoveNetSession.open(model, store, session);
            return new MoveNetEstimator(multi, single, maxPeople, minPoseScore, multiPoseSize);
        } catch (RuntimeException e) {
            if (multi != null) {
                multi.close();
            }
            throw e;
        }
    }

    @Override
    public List<List<Pose>> process(List<ImageFrame> frames) {
        List<List<Pose>> results = new ArrayList<>(frames.size());
        for (ImageFrame frame : frames) {
            results.add(estimate(frame));
        }
        return results;
    }

    private List<Pose> estimate(ImageFrame frame) {
        if (singlePose == null) {
            return multiPose(frame);
        }
        if (multiPose == null) {
            return singlePerson(frame);
        }
        return multiPose(frame).stream().map(person -> refine(frame, person)).toList();
    }

    /**
     * Where a frame lands in MultiPose's input: longer side {@code size}, the other scaled with
     * the aspect kept and padded up to a multiple of 32.
     *
     * @param width  frame width
     * @param height frame height
     * @param size   the input's longer side
     * @return the letterbox
     */
    public static Letterbox multiPoseBox(int width, int height, int size) {
        int inputW = width >= height ? size : padded(size * (double) width / height);
        int inputH = width >= height ? padded(size * (double) height / width) : size;
        return Letterbox.fit(width, height, inputW, inputH);
    }

    /** MultiPose on the frame, longer side {@link #multiPoseSize}, padded to multiples of 32. */
    private List<Pose> multiPose(ImageFrame frame) {
        int w = frame.width();
        int h = frame.height();
        Letterbox box = multiPoseBox(w, h, multiPoseSize);
        int inputW = box.targetWidth();
        int inputH = box.targetHeight();
        float[] out = multiPose.run(frame, box);
        if (out.length % PERSON_VALUES != 0) {
            throw new StageException("movenet-multipose returned " + out.length + " values, not a multiple of " + PERSON_VALUES);
        }
        List<Pose> people = new ArrayList<>();
        for (int o = 0; o < out.length; o += PERSON_VALUES) {
            int b = o + PERSON_VALUES - 5;
            double score = Math.max(0, Math.min(1, out[b + 4]));
            if (score < minPoseScore) {
                continue;
            }
            BoundingBox person = BoundingBox.ofCorners(box.toSourceX(out[b + 1] * inputW), box.toSourceY(out[b] * inputH),
                    box.toSourceX(out[b + 3] * inputW), box.toSourceY(out[b + 2] * inputH)).clip(w, h);
            people.add(new Pose(person, score, MoveNetKeypoints.read(out, o, box), Pose.NO_TRACK));
        }
        people.sort(Comparator.comparingDouble(Pose::score).reversed());
        return people.size() > maxPeople ? List.copyOf(people.subList(0, maxPeople)) : people;
    }

    private static int padded(double side) {
        return Math.max(DIVISOR, (int) Math.ceil(Math.round(side) / (double) DIVISOR) * DIVISOR);
    }

    /** One person with a single-pose model: the whole frame, then the crop around the person found. */
    private List<Pose> singlePerson(ImageFrame frame) {
        int size = singlePose.variant().inputSize();
        Letterbox whole = Letterbox.fit(frame.width(), frame.height(), size, size);
        List<Keypoint> first = MoveNetKeypoints.read(singlePose.run(frame, whole), 0, whole);
        Letterbox crop = MoveNetKeypoints.crop(first, null, frame.width(), frame.height(), size);
        List<Keypoint> keypoints = crop.equals(whole) ? first : MoveNetKeypoints.read(singlePose.run(frame, crop), 0, crop);
        double score = MoveNetKeypoints.score(keypoints);
        BoundingBox person = MoveNetKeypoints.box(keypoints, frame.width(), frame.height());
        if (score < minPoseScore || person == null) {
            LOG.debug("no person in {}: pose score {}", frame, score);
            return List.of();
        }
        return List.of(new Pose(person, score, keypoints, Pose.NO_TRACK));
    }

    /** A person found by MultiPose, with keypoints from the single-pose model run on the crop around them. */
    private Pose refine(ImageFrame frame, Pose person) {
        int size = singlePose.variant().inputSize();
        Letterbox crop = MoveNetKeypoints.crop(person.keypoints(), person.box(), frame.width(), frame.height(), size);
        return new Pose(person.box(), person.score(), MoveNetKeypoints.read(singlePose.run(frame, crop), 0, crop), Pose.NO_TRACK);
    }

    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(1, Duration.ZERO);
    }

    @Override
    public String modelName() {
        if (singlePose == null) {
            return MoveNetModel.MULTIPOSE.modelId() + " (" + multiPoseSize + " px)";
        }
        String single = singlePose.variant().modelId() + " (" + singlePose.variant().inputSize() + "x" + singlePose.variant().inputSize() + ")";
        return multiPose == null ? single : single + " on " + MoveNetModel.MULTIPOSE.modelId() + " (" + multiPoseSize + " px) people";
    }

    @Override
    public void close() {
        try (MoveNetSession a = multiPose; MoveNetSession b = singlePose) {
            LOG.debug("closing {}", modelName());
        }
    }
}
