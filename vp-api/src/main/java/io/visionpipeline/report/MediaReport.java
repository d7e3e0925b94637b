package io.visionpipeline.report;

import io.visionpipeline.face.Identity;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.ocr.TextTrack;
import io.visionpipeline.safety.SafetySummary;
import io.visionpipeline.speech.Transcript;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Everything VisionPipeline learned about one media: what it is, which stages ran, what they
 * found per sampled frame, and what is said in it. Immutable; written to JSON (with {@link #schemaVersion()}) by the
 * engine's report writer.
 *
 * <pre>{@code
 * MediaReport report = pipeline.analyze(Path.of("talk.mp4"));
 * for (FrameResult frame : report.frames()) {
 *     System.out.println(frame.timestamp() + ": " + frame.faces().size() + " face(s)");
 * }
 * }</pre>
 *
 * @param schemaVersion version of this report's JSON layout ({@link #SCHEMA_VERSION} when written by this library)
 * @param media         what was analysed
 * @param sampling      the frame sampling policy, in {@link io.visionpipeline.sampling.FrameSampling#text()} form
 * @param stages        the stages that ran
 * @param frames        per-frame results, in media order
 * @param textTracks    text on screen over consecutive frames of a video (the {@code ocr} stage), by start time
 * @param identities    the people whose faces appear (the {@code faces} stage with an embedder), by first appearance
 * @param transcript    what is said, and when ({@link Transcript#EMPTY} without the {@code speech} stage or speech)
 * @param safety        how unsafe the media is over all its frames (the {@code nsfw} stage), or null when it did not run
 * @param warnings      problems that did not stop the analysis (e.g. a truncated file decoded up to its end)
 * @param timings       where the time went
 * @param createdAt     when the report was finished
 * @since 0.1
 */
public record MediaReport(int schemaVersion, MediaInfo media, String sampling, List<StageRun> stages,
                          List<FrameResult> frames, List<TextTrack> textTracks, List<Identity> identities, Transcript transcript, SafetySummary safety,
                          List<String> warnings, Timings timings, Instant createdAt) {

    /** Version of the JSON layout written by this library. */
    public static final int SCHEMA_VERSION = 1;

    /** Validates and copies the fields. */
    public MediaReport {
        Objects.requireNonNull(media, "media");
        sampling = sampling == null ? "" : sampling;
        stages = stages == null ? List.of() : List.copyOf(stages);
        frames = frames == null ? List.of() : List.copyOf(frames);
        textTracks = textTracks == null ? List.of() : List.copyOf(textTracks);
        identities = identities == null ? List.of() : List.copyOf(identities);
        transcript = transcript == null ? Transcript.EMPTY : transcript;
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        timings = timings == null ? Timings.NONE : timings;
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /**
     * @param media what is being analysed
     * @return a builder for its report
     */
    public static Builder builder(MediaInfo media) {
        return new Builder(media);
    }

    /** @return the number of faces over all sampled frames */
    public int totalFaces() {
        return frames.stream().mapToInt(f -> f.faces().size()).sum();
    }

    /**
     * @param warning a problem or circumstance to add, e.g. that the analysis ran on a fallback worker
     * @return this report with the warning appended
     */
    public MediaReport withWarning(String warning) {
        List<String> more = new ArrayList<>(warnings);
        more.add(Objects.requireNonNull(warning, "warning"));
        return new MediaReport(schemaVersion, media, sampling, stages, frames, textTracks, identities, transcript, safety, more, timings, createdAt);
    }

    @Override
    public String toString() {
        return "MediaReport[" + media.mediaId() + ", " + media.kind() + ", " + frames.size() + " frame(s), stages="
                + stages.stream().map(StageRun::kind).toList() + (transcript.isEmpty() ? "" : ", " + transcript) + (warnings.isEmpty() ? "" : ", warnings=" + warnings) + "]";
    }

    /**
     * Builds a report; the engine, {@link io.visionpipeline.stage.SequenceAggregator}s and audio
     * stage kinds add to it.
     */
    public static final class Builder {
        private final MediaInfo media;
        private String sampling = "";
        private final List<StageRun> stages = new ArrayList<>();
        private final List<FrameResult> frames = new ArrayList<>();
        private final List<TextTrack> textTracks = new ArrayList<>();
        private final List<Identity> identities = new ArrayList<>();
        private Transcript transcript = Transcript.EMPTY;
        private SafetySummary safety;
        private final List<String> warnings = new ArrayList<>();
        private Timings timings = Timings.NONE;

        private Builder(MediaInfo media) {
            this.media = Objects.requireNonNull(media, "media");
        }

        /** @return the media being reported on */
        public MediaInfo media() {
            return media;
        }

        /**
         * @param sampling the sampling policy's text form
         * @return this builder
         */
        public Builder sampling(String sampling) {
            this.sampling = Objects.requireNonNull(sampling, "sampling");
            return this;
        }

        /**
         * @param stage a stage that ran
         * @return this builder
         */
        public Builder addStage(StageRun stage) {
            stages.add(Objects.requireNonNull(stage, "stage"));
            return this;
        }

        /**
         * @param frame the next frame's results, in media order
         * @return this builder
         */
        public Builder addFrame(FrameResult frame) {
            frames.add(Objects.requireNonNull(frame, "frame"));
            return this;
        }

        /**
         * @param track text on screen over several frames
         * @return this builder
         */
        public Builder addTextTrack(TextTrack track) {
            textTracks.add(Objects.requireNonNull(track, "track"));
            return this;
        }

        /**
         * @param identity a person whose faces appear in the media
         * @return this builder
         */
        public Builder addIdentity(Identity identity) {
            identities.add(Objects.requireNonNull(identity, "identity"));
            return this;
        }

        /** @return the identities added so far */
        public List<Identity> identities() {
            return List.copyOf(identities);
        }

        /**
         * Rewrites the frames added so far, e.g. to relabel faces with their final identities once
         * the whole media has been seen.
         *
         * @param update maps each frame to the frame to keep
         * @return this builder
         */
        public Builder updateFrames(UnaryOperator<FrameResult> update) {
            frames.replaceAll(update);
            return this;
        }

        /**
         * @param transcript what is said in the media
         * @return this builder
         */
        public Builder transcript(Transcript transcript) {
            this.transcript = Objects.requireNonNull(transcript, "transcript");
            return this;
        }

        /**
         * @param safety the media's safety summary
         * @return this builder
         */
        public Builder safety(SafetySummary safety) {
            this.safety = Objects.requireNonNull(safety, "safety");
            return this;
        }

        /**
         * @param warning a problem that did not stop the analysis
         * @return this builder
         */
        public Builder addWarning(String warning) {
            warnings.add(Objects.requireNonNull(warning, "warning"));
            return this;
        }

        /**
         * @param timings where the time went
         * @return this builder
         */
        public Builder timings(Timings timings) {
            this.timings = Objects.requireNonNull(timings, "timings");
            return this;
        }

        /** @return the report, stamped with the current time */
        public MediaReport build() {
            return new MediaReport(SCHEMA_VERSION, media, sampling, stages, frames, textTracks, identities, transcript, safety, warnings, timings,
                    Instant.now());
        }
    }
}
