package io.visionpipeline.stage;

import io.visionpipeline.report.FrameResult;

import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * A kind of analysis ("faces", "ocr", …): its name in the CLI and in reports, the stage interface
 * its providers implement, and where its per-frame result goes in a {@link FrameResult}.
 * The built-in kinds are listed in {@link io.visionpipeline.StageKinds}.
 *
 * @param <S> the stage interface, e.g. {@link io.visionpipeline.face.FaceDetector}
 * @since 0.1
 */
public final class StageKind<S extends Stage> {
    private final String name;
    private final Class<S> type;
    private final BiConsumer<FrameResult.Builder, Object> frameWriter;

    private StageKind(String name, Class<S> type, BiConsumer<FrameResult.Builder, Object> frameWriter) {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("stage kind names are lower-case words: " + name);
        }
        this.name = name;
        this.type = Objects.requireNonNull(type, "type");
        this.frameWriter = frameWriter;
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
        return new StageKind<>(name, type, (BiConsumer<FrameResult.Builder, Object>) (BiConsumer<?, ?>) writer);
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

    @Override
    public String toString() {
        return name;
    }
}
