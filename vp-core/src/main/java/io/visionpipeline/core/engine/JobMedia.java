package io.visionpipeline.core.engine;

import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The decoders of one job: a frame reader when the pipeline has frame stages and the media has a
 * picture, and one audio reader per audio stage. A pipeline with only audio stages never needs
 * video, so it reads audio-only files; an audio-only file under frame stages alone is an error,
 * as before. A stream source that must be read more than once is first copied to a temporary file.
 */
final class JobMedia implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobMedia.class);
    /** Length of the clips audio stages receive. */
    static final Duration AUDIO_CLIP = Duration.ofSeconds(1);

    private final List<AudioReader> audio = new ArrayList<>();
    private FrameReader frames;
    private MediaInfo info;
    private Path spool;

    private JobMedia() {
    }

    /**
     * @param source         the media
     * @param sampling       which frames the frame stages see
     * @param decoderThreads FFmpeg video decoding threads, 0 for automatic
     * @param frameStages    whether the pipeline has frame stages
     * @param audioStages    how many audio stages the pipeline has
     * @return the opened decoders; close them
     * @throws MediaDecodeException naming the media when it cannot be opened
     */
    static JobMedia open(MediaSource source, FrameSampling sampling, int decoderThreads, boolean frameStages, int audioStages) {
        JobMedia media = new JobMedia();
        try {
            MediaSource readable = media.readableTimes(source, (frameStages ? 1 : 0) + audioStages);
            for (int i = 0; i < audioStages; i++) {
                AudioReader reader = AudioReader.open(readable, AUDIO_CLIP);
                media.audio.add(reader);
                media.info = reader.media();
            }
            if (frameStages && (media.info == null || media.info.hasVideo())) {
                media.frames = FrameReader.open(readable, sampling, decoderThreads);
                media.info = media.frames.media();
            }
            return media;
        } catch (RuntimeException e) {
            media.close();
            throw e;
        }
    }

    /** @return what was opened */
    MediaInfo info() {
        return info;
    }

    /** @return the frame reader, or null when no frame stage will see frames of this media */
    FrameReader frames() {
        return frames;
    }

    /** @return one audio reader per audio stage, in the pipeline's order */
    List<AudioReader> audio() {
        return audio;
    }

    /** Closes the decoders and deletes the spooled copy of a stream, if any. */
    @Override
    public void close() {
        if (frames != null) {
            frames.close();
        }
        audio.forEach(AudioReader::close);
        if (spool != null) {
            try {
                Files.deleteIfExists(spool);
            } catch (IOException e) {
                LOG.warn("Cannot delete the temporary copy {} of a stream: {}", spool, e.toString());
            }
        }
    }

    /** A source that can be opened {@code times} times: a stream read more than once is copied to a file. */
    private MediaSource readableTimes(MediaSource source, int times) {
        if (times <= 1 || !(source instanceof MediaSource.StreamSource stream)) {
            return source;
        }
        InputStream opened;
        try {
            opened = stream.opener().get();
        } catch (RuntimeException e) {
            throw new MediaDecodeException(source.id(), "cannot open the stream: " + e.getMessage(), e);
        }
        if (opened == null) {
            throw new MediaDecodeException(source.id(), "the stream opener returned null");
        }
        try (InputStream in = opened) {
            spool = Files.createTempFile("vp-stream-", ".media");
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | UncheckedIOException e) {
            throw new MediaDecodeException(source.id(), "cannot copy the stream to a temporary file: " + e.getMessage(), e);
        }
        Path file = spool;
        return MediaSource.of(stream.name(), () -> {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
