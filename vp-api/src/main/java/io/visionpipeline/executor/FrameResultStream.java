package io.visionpipeline.executor;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.report.FrameResult;

import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Frame results of one media as they are produced, in media order, with bounded memory: the
 * decoder waits while the consumer is behind. For long or live media. Close it to stop early.
 *
 * <pre>{@code
 * try (FrameResultStream frames = pipeline.stream(MediaSource.of(URI.create("rtsp://cam/1")))) {
 *     frames.stream().filter(f -> !f.faces().isEmpty()).forEach(alerts::send);
 * }
 * }</pre>
 *
 * <p>{@link #hasNext()} and {@link #next()} throw the {@link io.visionpipeline.VisionPipelineException}
 * that stopped the analysis, if any.
 *
 * @since 0.1
 */
public interface FrameResultStream extends Iterator<FrameResult>, AutoCloseable {

    /** @return what is being analysed (known once the media is open) */
    MediaInfo media();

    /** @return the remaining results as a sequential {@link Stream} */
    default Stream<FrameResult> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** Stops the analysis and releases its resources. */
    @Override
    void close();
}
