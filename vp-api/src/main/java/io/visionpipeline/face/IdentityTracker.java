package io.visionpipeline.face;

import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.SequenceAggregator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Groups the faces of one media into {@link Identity identities}, in two passes.
 *
 * <ol>
 *   <li><b>Tracking</b>, frame by frame: a face continues a track when its embedding is as close
 *       to the track's last face as the match threshold asks, or when its box overlaps the
 *       track's last box (IoU ≥ {@value #MIN_TRACK_IOU}) and its embedding is at least
 *       {@value #NOISY_MARGIN} below the threshold (a blurred or turned face in the same place).
 *       Pairs link best first (IoU + similarity); two faces of one frame never share a track. A
 *       track missing from up to {@code maxMissedFrames} sampled frames in a row goes on. Frames
 *       get provisional ids ({@code track-N}) at once, which is what a streaming consumer sees.</li>
 *   <li><b>Merging</b>, at the end: tracks are clustered by the similarity of their
 *       quality-weighted mean embeddings (average linkage, never below the match threshold, never
 *       two tracks seen in the same frame), so a person who leaves and comes back is one
 *       identity. Each identity is looked up in the {@link FaceRecognizer} (a {@link FaceGallery}),
 *       and the report's faces are relabelled with the identity ids.</li>
 * </ol>
 *
 * Faces below {@code minQuality} follow tracks but do not shape their embeddings; a track made
 * only of such faces becomes no identity (its faces keep no id). Faces without an embedding (no
 * embedder configured) pass through unchanged.
 *
 * <pre>{@code
 * SequenceAggregator<List<Face>> people = new IdentityTracker(0.45, 0.25, 1, FaceGallery.load(galleryFile));
 * }</pre>
 *
 * One instance per media, used from one thread (the engine's contract for aggregators).
 *
 * @since 0.1
 */
public final class IdentityTracker implements SequenceAggregator<List<Face>> {
    /** Default sampled frames in a row a track may miss: 1, so one missed or noisy frame keeps it. */
    public static final int DEFAULT_MAX_MISSED_FRAMES = 1;
    /** Default least quality for a face to shape its identity's embedding. */
    public static final double DEFAULT_MIN_QUALITY = 0.2;
    /** Least box overlap for a dissimilar-looking face to continue a track. */
    static final double MIN_TRACK_IOU = 0.3;
    /** How far below the match threshold a face in the same place may look and still continue a track. */
    static final double NOISY_MARGIN = 0.25;
    private static final String TRACK_PREFIX = "track-";

    private final double threshold;
    private final double minQuality;
    private final int maxMissedFrames;
    private final FaceRecognizer recognizer;
    private final List<Track> tracks = new ArrayList<>();
    private final List<Track> live = new ArrayList<>();
    private long sampled;

    /**
     * @param threshold       least cosine similarity for two faces to be one person, in (-1, 1)
     * @param minQuality      least quality for a face to shape its identity, in [0, 1]
     * @param maxMissedFrames sampled frames in a row a track may be missing from, at least 0
     * @param recognizer      who to ask for names, or null
     */
    public IdentityTracker(double threshold, double minQuality, int maxMissedFrames, FaceRecognizer recognizer) {
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (-1, 1): " + threshold);
        }
        if (!(minQuality >= 0 && minQuality <= 1)) {
            throw new IllegalArgumentException("minQuality must be in [0, 1]: " + minQuality);
        }
        if (maxMissedFrames < 0) {
            throw new IllegalArgumentException("maxMissedFrames must be >= 0: " + maxMissedFrames);
        }
        this.threshold = threshold;
        this.minQuality = minQuality;
        this.maxMissedFrames = maxMissedFrames;
        this.recognizer = recognizer;
    }

    @Override
    public List<Face> onFrame(long frameIndex, Duration timestamp, List<Face> faces) {
        long ordinal = sampled++;
        record Link(int face, Track track, double score) {
        }
        List<Link> links = new ArrayList<>();
        for (int f = 0; f < faces.size(); f++) {
            FaceEmbedding e = faces.get(f).embedding();
            if (e == null) {
                continue;
            }
            for (Track track : live) {
                double similarity = e.similarity(track.lastEmbedding);
                double iou = faces.get(f).box().iou(track.lastBox);
                if (similarity >= threshold || (iou >= MIN_TRACK_IOU && similarity >= threshold - NOISY_MARGIN)) {
                    links.add(new Link(f, track, iou + similarity));
                }
            }
        }
        links.sort(Comparator.comparingDouble(Link::score).reversed());
        Track[] assigned = new Track[faces.size()];
        Set<Track> matched = new HashSet<>();
        for (Link link : links) {
            if (assigned[link.face] == null && !matched.contains(link.track)) {
                assigned[link.face] = link.track;
                matched.add(link.track);
            }
        }
        List<Face> out = new ArrayList<>(faces.size());
        for (int f = 0; f < faces.size(); f++) {
            Face face = faces.get(f);
            if (face.embedding() == null) {
                out.add(face);
                continue;
            }
            Track track = assigned[f];
            if (track == null) {
                track = new Track(tracks.size() + 1);
                tracks.add(track);
                live.add(track);
                matched.add(track);
            }
            track.add(ordinal, timestamp, face, minQuality);
            out.add(face.withIdentity(TRACK_PREFIX + track.number));
        }
        for (Iterator<Track> it = live.iterator(); it.hasNext(); ) {
            Track track = it.next();
            if (!matched.contains(track) && ordinal - track.lastOrdinal() > maxMissedFrames) {
                track.retire();
                it.remove();
            }
        }
        return out;
    }

    @Override
    public void finish(MediaReport.Builder report) {
        List<List<Track>> clusters = merge(tracks.stream().filter(t -> t.weight > 0).toList());
        clusters.sort(Comparator.comparingLong(c -> c.stream().mapToLong(Track::firstOrdinal).min().orElse(0)));
        Map<String, String> ids = new HashMap<>();
        for (List<Track> cluster : clusters) {
            Identity identity = identity("face-" + (report.identities().size() + 1), cluster);
            report.addIdentity(identity);
            for (Track track : cluster) {
                ids.put(TRACK_PREFIX + track.number, identity.id());
            }
        }
        report.updateFrames(frame -> relabel(frame, ids));
    }

    private static FrameResult relabel(FrameResult frame, Map<String, String> ids) {
        if (frame.faces().stream().noneMatch(f -> f.identity() != null && f.identity().startsWith(TRACK_PREFIX))) {
            return frame;
        }
        List<Face> faces = new ArrayList<>(frame.faces().size());
        for (Face face : frame.faces()) {
            String id = face.identity() == null ? null : ids.get(face.identity());
            faces.add(id != null ? face.withIdentity(id) : new Face(face.box(), face.score(), face.landmarks()));
        }
        return frame.withFaces(faces);
    }

    /** Average-linkage agglomerative clustering of tracks, best pair first, down to the threshold. */
    private List<List<Track>> merge(List<Track> usable) {
        List<List<Track>> clusters = new ArrayList<>();
        for (Track t : usable) {
            clusters.add(new ArrayList<>(List.of(t)));
        }
        while (clusters.size() > 1) {
            double best = threshold;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < clusters.size(); i++) {
                for (int j = i + 1; j < clusters.size(); j++) {
                    double s = linkage(clusters.get(i), clusters.get(j));
                    if (s >= best) {
                        best = s;
                        bi = i;
                        bj = j;
                    }
                }
            }
            if (bi < 0) {
                break;
            }
            clusters.get(bi).addAll(clusters.remove(bj));
        }
        return clusters;
    }

    /** @return the mean similarity of the clusters' tracks, or -2 when two of them share a frame */
    private static double linkage(List<Track> a, List<Track> b) {
        double sum = 0;
        for (Track x : a) {
            for (Track y : b) {
                if (x.sharesFrameWith(y)) {
                    return -2;
                }
                sum += FaceEmbedding.dot(x.mean(), y.mean());
            }
        }
        return sum / (a.size() * b.size());
    }

    private Identity identity(String id, List<Track> cluster) {
        float[] mean = null;
        List<Sighting> sightings = new ArrayList<>();
        Face best = null;
        for (Track t : cluster) {
            float[] m = t.weightedSum;
            if (mean == null) {
                mean = new float[m.length];
            }
            for (int i = 0; i < m.length; i++) {
                mean[i] += m[i];
            }
            sightings.addAll(t.sightings);
            if (best == null || t.best.embedding().quality() > best.embedding().quality()) {
                best = t.best;
            }
        }
        FaceEmbedding.normalize(Objects.requireNonNull(mean));
        sightings.sort(Comparator.comparingLong(Sighting::ordinal));
        FaceMatch match = recognizer == null ? null : recognizer.recognize(mean).orElse(null);
        return new Identity(id, match == null ? null : match.name(), match == null ? null : match.similarity(),
                appearances(sightings), sightings.size(), best.embedding().quality(), jpeg(best.embedding().thumbnail()), mean);
    }

    /** @return the thumbnail's JPEG (encoded now: the one face of the identity that is shown), or null */
    private static byte[] jpeg(FaceThumbnail thumbnail) {
        return thumbnail == null ? null : thumbnail.jpeg();
    }

    /** Splits sightings into appearances where more than {@code maxMissedFrames} sampled frames miss the person. */
    private List<Appearance> appearances(List<Sighting> sightings) {
        List<Appearance> out = new ArrayList<>();
        Sighting first = sightings.get(0);
        Sighting last = first;
        int frames = 1;
        for (Sighting s : sightings.subList(1, sightings.size())) {
            if (s.ordinal == last.ordinal) {
                continue;
            }
            if (s.ordinal - last.ordinal > maxMissedFrames + 1) {
                out.add(new Appearance(first.timestamp, last.timestamp, frames));
                first = s;
                frames = 0;
            }
            last = s;
            frames++;
        }
        out.add(new Appearance(first.timestamp, last.timestamp, frames));
        return out;
    }

    private record Sighting(long ordinal, Duration timestamp) {
    }

    /** Faces linked frame to frame. */
    private static final class Track {
        final int number;
        final List<Sighting> sightings = new ArrayList<>();
        float[] weightedSum;
        double weight;
        Face best;
        FaceEmbedding lastEmbedding;
        io.visionpipeline.geometry.BoundingBox lastBox;

        Track(int number) {
            this.number = number;
        }

        void add(long ordinal, Duration timestamp, Face face, double minQuality) {
            FaceEmbedding e = face.embedding();
            sightings.add(new Sighting(ordinal, timestamp));
            lastEmbedding = e;
            lastBox = face.box();
            if (weightedSum == null) {
                weightedSum = new float[e.vector().length];
            }
            if (e.quality() >= minQuality) {
                for (int i = 0; i < weightedSum.length; i++) {
                    weightedSum[i] += (float) (e.quality() * e.vector()[i]);
                }
                weight += e.quality();
            }
            if (best == null || e.quality() > best.embedding().quality()) {
                best = face;
            }
        }

        /**
         * Lets go of the last face's embedding, which only links the next frame's faces to a live
         * track (with its thumbnail's pixels, 12 KB); the best face stays for the identity.
         */
        void retire() {
            lastEmbedding = null;
        }

        long firstOrdinal() {
            return sightings.get(0).ordinal;
        }

        long lastOrdinal() {
            return sightings.get(sightings.size() - 1).ordinal;
        }

        float[] mean() {
            return FaceEmbedding.normalize(weightedSum.clone());
        }

        boolean sharesFrameWith(Track other) {
            if (other.firstOrdinal() > lastOrdinal() || firstOrdinal() > other.lastOrdinal()) {
                return false;
            }
            Set<Long> mine = new HashSet<>();
            sightings.forEach(s -> mine.add(s.ordinal));
            return other.sightings.stream().anyMatch(s -> mine.contains(s.ordinal));
        }
    }
}
