package io.visionpipeline.stage;

import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A kind of analysis ("faces", "ocr", "speech", …): its name in the CLI and in reports, the stage
 * interface its providers implement, and where its result goes: per frame in a {@link FrameResult}
 * (frame kinds), or once per media in the {@link MediaReport} (audio kinds).
 * The built-in kinds are listed in {@link io.visionpipeline.StageKinds}.
 *
 * @param <S> the stage interface, e.g. {@link io.visionpipeline.face.FaceDetector}
 * @since 0.1
 */
public final class StageKind<S extends Stage> {
    private final String name;
    private final Class<S> type;
    private final BiConsumer<FrameResult.Builder, Object> frameWriter;
    private final BiConsumer<MediaReport.Builder, Object> mediaWriter;

    private StageKind(String name, Class<S> type, BiConsumer<FrameResult.Builder, Object> frameWriter,
                      BiConsumer<MediaReport.Builder, Object> mediaWriter) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("stage kind names are lower-case words: " + name);
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.frameWriter = frameWriter;
        this.mediaWriter = mediaWriter;
    }

    /**
     * Declares a frame stage kind.
     *
     * @param name   lower-case name, e.g. {@code faces}
     * @param type   the stage interface
     * @param writer stores one frame's result into a frame result
     * @param <R>    the per-frame result
     * @param <S>    the stage interface
     * @return the kind
     */
    @SuppressWarnings("unchecked")
    public static <R, S extends FrameStage<R>> StageKind<S> frames(String name, Class<S> type,
                                                                  BiConsumer<FrameResult.Builder, R> writer) {
        Objects.requireNonNull(writer, "writer");
        return new StageKind<>(name, type, (BiConsumer<FrameResult.Builder, Object>) (BiConsumer<?, ?>) writer, null);
    }

    /**
     * Declares an audio stage kind.
     *
     * @param name   lower-case name, e.g. {@code speech}
     * @param type   the stage interface
     * @param writer stores one media's result into its report
     * @param <R>    the per-media result
     * @param <S>    the stage interface
     * @return the kind
     */
    @SuppressWarnings("unchecked")
    public static <R, S extends AudioStage<R>> StageKind<S> audio(String name, Class<S> type,
                                                                 BiConsumer<MediaReport.Builder, R> writer) {
        Objects.requireNonNull(writer, "writer");
        return new StageKind<>(name, type, null, (BiConsumer<MediaReport.Builder, Object>) (BiConsumer<?, ?>) writer);
    }

    /** @return the kind's name, e.g. {@code faces} */
    public String name() {
        return name;
    }

    /** @return the stage interface providers implement */
    public Class<S> type() {
        return type;
    }

    /** @return whether stages of this kind analyse frames */
    public boolean isFrameKind() {
        return frameWriter != null;
    }

    /** @return whether stages of this kind analyse a media's audio track */
    public boolean isAudioKind() {
        return mediaWriter != null;
    }

    /**
     * Stores one frame's result of a stage of this kind.
     *
     * @param frame  the frame result being built
     * @param result the stage's result for the frame
     */
    public void writeFrameResult(FrameResult.Builder frame, Object result) {
        if (frameWriter == null) {
            throw new IllegalStateException(name + " is not a frame stage kind");
        }
        frameWriter.accept(frame, result);
    }

    /**
     * Stores one media's result of a stage of this (audio) kind.
     *
     * @param report the report being built
     * @param result the stage's result for the media
     */
    public void writeMediaResult(MediaReport.Builder report, Object result) {
        if (mediaWriter == null) {
            throw new IllegalStateException(name + " is not an audio stage kind");
        }
        mediaWriter.accept(report, result);
    }

    @Override
    public String toString() {
        return name;
    }
}
