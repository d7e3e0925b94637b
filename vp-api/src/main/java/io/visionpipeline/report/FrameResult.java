package io.visionpipeline.report;

import io.visionpipeline.face.Face;

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
 * @since 0.1
 */
public record FrameResult(long index, Duration timestamp, List<Face> faces) {

    /** Validates and normalises the fields. */
    public FrameResult {
        Objects.requireNonNull(timestamp, "timestamp");
        faces = faces == null ? List.of() : List.copyOf(faces);
    }

    /**
     * @param index     frame index
     * @param timestamp media time
     * @return a builder for a frame result
     */
    public static Builder builder(long index, Duration timestamp) {
        return new Builder(index, timestamp);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FrameResult[#%d t=%.3fs faces=%d]", index, timestamp.toNanos() / 1e9, faces.size());
    }

    /**
     * Collects one frame's results from each stage. Stage kinds write into it through
     * {@link io.visionpipeline.stage.StageKind#writeFrameResult}.
     */
    public static final class Builder {
        private final long index;
        private final Duration timestamp;
        private List<Face> faces = List.of();

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

        /** @return the frame result */
        public FrameResult build() {
            return new FrameResult(index, timestamp, faces);
        }
    }
}
