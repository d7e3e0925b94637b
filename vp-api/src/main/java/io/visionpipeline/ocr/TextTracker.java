package io.visionpipeline.ocr;

import io.visionpipeline.geometry.Point;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.stage.SequenceAggregator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Merges the text read in consecutive sampled frames of one video into {@link TextTrack}s: a block
 * continues a track when its {@link TextSimilarity#normalizedDistance normalized edit distance} to
 * the track's text is at most {@code maxDistance} (OCR of the same title varies by a character or
 * two from frame to frame); when several tracks qualify, the closest text wins, then the nearest
 * position. A track ends when more than {@code maxMissedFrames} sampled frames in a row lack it.
 * Each frame's blocks are passed through unchanged; the tracks are added to the report at the end.
 *
 * <pre>{@code
 * SequenceAggregator<List<TextBlock>> tracker = new TextTracker(0.2, 0);  // strict: no missed frame
 * }</pre>
 *
 * One instance per media, used from one thread (the engine's contract for aggregators).
 *
 * @since 0.1
 */
public final class TextTracker implements SequenceAggregator<List<TextBlock>> {
    /**
     * Default largest normalized edit distance between the text of one track in two frames: 0.3,
     * i.e. up to three characters in ten may be read differently.
     */
    public static final double DEFAULT_MAX_DISTANCE = 0.3;
    /**
     * Default number of sampled frames in a row a track may be missing from and still go on: 1,
     * so one frame where a transition, motion blur or a misread hides a title does not split it.
     */
    public static final int DEFAULT_MAX_MISSED_FRAMES = 1;

    private final double maxDistance;
    private final int maxMissedFrames;
    private final List<Track> active = new ArrayList<>();
    private final List<TextTrack> finished = new ArrayList<>();

    /** A tracker with the default settings. */
    public TextTracker() {
        this(DEFAULT_MAX_DISTANCE, DEFAULT_MAX_MISSED_FRAMES);
    }

    /**
     * @param maxDistance     largest normalized edit distance that still counts as the same text, in [0, 1)
     * @param maxMissedFrames sampled frames in a row a track may be missing from, at least 0
     */
    public TextTracker(double maxDistance, int maxMissedFrames) {
        if (!(maxDistance >= 0 && maxDistance < 1)) {
            throw new IllegalArgumentException("maxDistance must be in [0, 1): " + maxDistance);
        }
        if (maxMissedFrames < 0) {
            throw new IllegalArgumentException("maxMissedFrames must be >= 0: " + maxMissedFrames);
        }
        this.maxDistance = maxDistance;
        this.maxMissedFrames = maxMissedFrames;
    }

    @Override
    public List<TextBlock> onFrame(long frameIndex, Duration timestamp, List<TextBlock> blocks) {
        List<Track> unmatched = new ArrayList<>(active);
        List<TextBlock> byConfidence = new ArrayList<>(blocks);
        byConfidence.sort(Comparator.comparingDouble(TextBlock::confidence).reversed());
        for (TextBlock block : byConfidence) {
            if (TextSimilarity.normalize(block.text()).isEmpty()) {
                continue;
            }
            Track best = null;
            double bestDistance = Double.MAX_VALUE;
            double bestOffset = Double.MAX_VALUE;
            for (Track track : unmatched) {
                double distance = TextSimilarity.normalizedDistance(track.text, block.text());
                double offset = centre(track.polygon).distanceTo(centre(block.polygon()));
                if (distance <= maxDistance && (distance < bestDistance || distance == bestDistance && offset < bestOffset)) {
                    best = track;
                    bestDistance = distance;
                    bestOffset = offset;
                }
            }
            if (best == null) {
                active.add(new Track(block, timestamp));
            } else {
                unmatched.remove(best);
                best.extend(block, timestamp);
            }
        }
        for (Track track : unmatched) {
            if (++track.missed > maxMissedFrames) {
                active.remove(track);
                finished.add(track.toTextTrack());
            }
        }
        return blocks;
    }

    @Override
    public void finish(MediaReport.Builder report) {
        active.forEach(track -> finished.add(track.toTextTrack()));
        active.clear();
        finished.sort(Comparator.comparing(TextTrack::start).thenComparing(TextTrack::end).thenComparing(TextTrack::text));
        finished.forEach(report::addTextTrack);
        finished.clear();
    }

    private static Point centre(Polygon polygon) {
        return polygon.bounds().center();
    }

    /** A track being built. */
    private static final class Track {
        private String text;
        private Polygon polygon;
        private double confidence;
        private final Duration start;
        private Duration end;
        private int frames;
        private int missed;

        Track(TextBlock first, Duration timestamp) {
            this.text = first.text();
            this.polygon = first.polygon();
            this.confidence = first.confidence();
            this.start = timestamp;
            this.end = timestamp;
            this.frames = 1;
        }

        void extend(TextBlock block, Duration timestamp) {
            end = timestamp;
            frames++;
            missed = 0;
            if (block.confidence() > confidence) {
                text = block.text();
                polygon = block.polygon();
                confidence = block.confidence();
            }
        }

        TextTrack toTextTrack() {
            return new TextTrack(text, start, end, confidence, polygon, frames);
        }
    }
}
