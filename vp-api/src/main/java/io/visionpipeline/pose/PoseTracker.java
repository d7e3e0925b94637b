package io.visionpipeline.pose;

import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.stage.SequenceAggregator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Gives each person in a video a track id that stays the same across sampled frames. A pose is
 * matched to a track by the similarity of their boxes and their keypoints:
 *
 * <ul>
 *   <li><b>box IoU</b> between the pose's box and the box the track was last seen with;</li>
 *   <li><b>object keypoint similarity</b> (OKS, as in the COCO keypoint evaluation and
 *       TF.js pose-detection's keypoint tracker): {@code mean exp(-d²/(2·s²·(2σ)²))} over the
 *       keypoints both poses see with a score of at least 0.3, where {@code d} is the keypoint's
 *       displacement, {@code s²} the area of the box around the track's confident keypoints and
 *       {@code σ} COCO's per-keypoint falloff (wider for hips than for eyes). Needs at least four
 *       such keypoints; otherwise only the IoU counts.</li>
 * </ul>
 *
 * The similarity is the mean of the two (or the IoU alone). Pairs are linked best first (a
 * global greedy assignment), never below {@code minSimilarity}; an unmatched pose starts a new
 * track. A track that is missing from a frame (occluded, missed by the model) lives on for up to
 * {@code maxMissedFrames} sampled frames in a row and is matched against where it was last seen.
 * Track ids start at 1 and are never reused within a media.
 *
 * <pre>{@code
 * SequenceAggregator<List<Pose>> tracker = new PoseTracker(0.2, 1);   // stricter, shorter memory
 * }</pre>
 *
 * One instance per media, used from one thread (the engine's contract for aggregators).
 *
 * @since 0.1
 */
public final class PoseTracker implements SequenceAggregator<List<Pose>> {
    /**
     * Default least similarity that links a pose to a track: 0.15, TF.js pose-detection's default
     * for its bounding-box tracker (its keypoint tracker uses 0.2 on OKS alone).
     */
    public static final double DEFAULT_MIN_SIMILARITY = 0.15;
    /**
     * Default number of sampled frames in a row a track may be missing from and still go on: 2,
     * so a person hidden behind another for up to two sampled frames (0.4 s at 5 frames per
     * second) keeps their id.
     */
    public static final int DEFAULT_MAX_MISSED_FRAMES = 2;
    /** Least keypoint score for a keypoint to count in the OKS (TF.js pose-detection's value). */
    static final double KEYPOINT_SCORE = 0.3;
    /** Fewest keypoints seen in both poses for the OKS to count (TF.js pose-detection's value). */
    static final int MIN_KEYPOINTS = 4;
    /** COCO's per-keypoint falloffs σ, in {@link BodyPart} order (cocodataset.org keypoint evaluation). */
    private static final double[] FALLOFF = {
        0.026, 0.025, 0.025, 0.035, 0.035, 0.079, 0.079, 0.072, 0.072, 0.062, 0.062, 0.107, 0.107, 0.087, 0.087, 0.089, 0.089};

    private final double minSimilarity;
    private final int maxMissedFrames;
    private final List<Track> tracks = new ArrayList<>();
    private int nextId = 1;

    /** A tracker with the default settings. */
    public PoseTracker() {
        this(DEFAULT_MIN_SIMILARITY, DEFAULT_MAX_MISSED_FRAMES);
    }

    /**
     * @param minSimilarity   least similarity that links a pose to a track, in (0, 1]
     * @param maxMissedFrames sampled frames in a row a track may be missing from, at least 0
     */
    public PoseTracker(double minSimilarity, int maxMissedFrames) {
        if (!(minSimilarity > 0 && minSimilarity <= 1)) {
            throw new IllegalArgumentException("minSimilarity must be in (0, 1]: " + minSimilarity);
        }
        if (maxMissedFrames < 0) {
            throw new IllegalArgumentException("maxMissedFrames must be >= 0: " + maxMissedFrames);
        }
        this.minSimilarity = minSimilarity;
        this.maxMissedFrames = maxMissedFrames;
    }

    @Override
    public List<Pose> onFrame(long frameIndex, Duration timestamp, List<Pose> poses) {
        List<Link> links = new ArrayList<>();
        for (int p = 0; p < poses.size(); p++) {
            for (Track track : tracks) {
                double s = similarity(poses.get(p), track.last);
                if (s >= minSimilarity) {
                    links.add(new Link(p, track, s));
                }
            }
        }
        links.sort(Comparator.comparingDouble(Link::similarity).reversed());
        Track[] assigned = new Track[poses.size()];
        List<Track> matched = new ArrayList<>();
        for (Link link : links) {
            if (assigned[link.pose] == null && !matched.contains(link.track)) {
                assigned[link.pose] = link.track;
                matched.add(link.track);
            }
        }
        List<Pose> out = new ArrayList<>(poses.size());
        for (int p = 0; p < poses.size(); p++) {
            Track track = assigned[p];
            if (track == null) {
                track = new Track(nextId++);
                tracks.add(track);
                matched.add(track);
            }
            Pose tracked = poses.get(p).withTrackId(track.id);
            track.last = tracked;
            track.missed = 0;
            out.add(tracked);
        }
        tracks.removeIf(track -> !matched.contains(track) && ++track.missed > maxMissedFrames);
        return out;
    }

    /**
     * @param a a pose
     * @param b another pose
     * @return the mean of their box IoU and their object keypoint similarity (b's keypoint box
     *         as the scale), or the IoU alone when they share fewer than four confident keypoints
     */
    static double similarity(Pose a, Pose b) {
        double iou = a.box().iou(b.box());
        double oks = keypointSimilarity(a, b);
        return Double.isNaN(oks) ? iou : (iou + oks) / 2;
    }

    /** @return the OKS of a against b, or NaN when fewer than {@link #MIN_KEYPOINTS} keypoints are confident in both */
    static double keypointSimilarity(Pose a, Pose b) {
        double area = confidentKeypointBox(b).area() + 1e-6;
        double total = 0;
        int counted = 0;
        for (int k = 0; k < FALLOFF.length; k++) {
            Keypoint ka = a.keypoints().get(k);
            Keypoint kb = b.keypoints().get(k);
            if (ka.score() < KEYPOINT_SCORE || kb.score() < KEYPOINT_SCORE) {
                continue;
            }
            double dx = ka.point().x() - kb.point().x();
            double dy = ka.point().y() - kb.point().y();
            double spread = 2 * FALLOFF[k];
            total += Math.exp(-(dx * dx + dy * dy) / (2 * area * spread * spread));
            counted++;
        }
        return counted < MIN_KEYPOINTS ? Double.NaN : total / counted;
    }

    private static BoundingBox confidentKeypointBox(Pose pose) {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (Keypoint k : pose.keypoints()) {
            if (k.score() >= KEYPOINT_SCORE) {
                minX = Math.min(minX, k.point().x());
                minY = Math.min(minY, k.point().y());
                maxX = Math.max(maxX, k.point().x());
                maxY = Math.max(maxY, k.point().y());
            }
        }
        return minX > maxX ? new BoundingBox(0, 0, 0, 0) : BoundingBox.ofCorners(minX, minY, maxX, maxY);
    }

    /** A person being followed. */
    private static final class Track {
        private final int id;
        private Pose last;
        private int missed;

        Track(int id) {
            this.id = id;
        }
    }

    private record Link(int pose, Track track, double similarity) {
    }
}
