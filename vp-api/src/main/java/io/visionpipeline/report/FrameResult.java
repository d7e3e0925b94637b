package io.visionpipeline.report;

import io.visionpipeline.face.Face;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.safety.SafetyScore;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What the stages found in one sampled frame. A list is empty both when its stage found nothing
 * and when it did not run; {@link MediaReport#stages()} says which stages ran.
 *
 * @param index     the frame's index in its media (decode order, from 0)
 * @param timestamp the frame's media time
 * @param faces     faces found by the {@code faces} stage
 * @param text      text read by the {@code ocr} stage, one block per line
 * @param poses     people's body poses found by the {@code pose} stage, with their track ids
 * @param safety    the {@code nsfw} stage's score, or null when it did not run
 * @since 0.1
 */
public record FrameResult(long index, Duration timestamp, List<Face> faces, List<TextBlock> text, List<Pose> poses,
                          SafetyScore safety) {

    /** Validates and normalises the fields. */
    public FrameResult {
        Objects.requireNonNull(timestamp, "timestamp");
        faces = faces == null ? List.of() : List.copyOf(faces);
        text = text == null ? List.of() : List.copyOf(text);
        poses = poses == null ? List.of() : List.copyOf(poses);
    }

    /**
     * @param index     frame index
     * @param timestamp media time
     * @return a builder for a frame result
     */
    public static Builder builder(long index, Duration timestamp) {
        return new Builder(index, timestamp);
    }

    /**
     * @param newFaces the faces to keep instead
     * @return this frame's results with them
     */
    public FrameResult withFaces(List<Face> newFaces) {
        return new FrameResult(index, timestamp, newFaces, text, poses, safety);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FrameResult[#%d t=%.3fs faces=%d text=%d]", index, timestamp.toNanos() / 1e9,
                faces.size(), text.size());
    }

    /**
     * Collects one frame's results from each stage. Stage kinds write into it through
     * {@link io.visionpipeline.stage.StageKind#writeFrameResult}.
     */
    public static final class Builder {
        private final long index;
        private final Duration timestamp;
        private List<Face> faces = List.of();
        private List<TextBlock> text = List.of();
        private List<Pose> poses = List.of();
        private SafetyScore safety;

        private Builder(long index, Duration timestamp) {
            this.index = index;
            this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        }

        /**
         * @param faces faces in the frame
         * @return this builder
         */
        public Builder faces(List<Face> faces) {
            this.faces = Objects.requireNonNull(faces, "faces");
            return this;
        }

        /**
         * @param text text read in the frame
         * @return this builder
         */
        public Builder text(List<TextBlock> text) {
            this.text = Objects.requireNonNull(text, "text");
            return this;
        }

        /**
         * @param poses people's poses in the frame
         * @return this builder
         */
        public Builder poses(List<Pose> poses) {
            this.poses = Objects.requireNonNull(poses, "poses");
            return this;
        }

        /**
         * @param safety the frame's safety score
         * @return this builder
         */
        public Builder safety(SafetyScore safety) {
            this.safety = Objects.requireNonNull(safety, "safety");
            return this;
        }

        /** @return the frame result */
        public FrameResult build() {
            return new FrameResult(index, timestamp, faces, text, poses, safety);
        }
    }
}
