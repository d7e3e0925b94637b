package io.visionpipeline.redis;

import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.MediaRef;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Turns a media source into what travels through Redis: a reference, or bytes under the limit. */
final class MediaPacker {

    /**
     * @param ref   the media's reference
     * @param bytes its bytes when inline, else null
     */
    record Packed(MediaRef ref, byte[] bytes) {
    }

    private MediaPacker() {
    }

    /**
     * @param source    the media
     * @param transport how files travel
     * @param limit     the most bytes that travel inline
     * @return what to queue
     * @throws InlineMediaTooLargeException when inline media is over the limit
     * @throws MediaDecodeException         when a file or stream to send inline cannot be read
     * @throws IllegalArgumentException     for a directory (expand it first)
     */
    static Packed pack(MediaSource source, MediaTransport transport, long limit) {
        if (source instanceof MediaSource.FileSource file) {
            if (transport == MediaTransport.INLINE_FILES) {
                byte[] bytes = readFile(file.path(), limit);
                return new Packed(MediaRef.inline(file.id(), bytes.length), bytes);
            }
            return new Packed(MediaRef.file(file.path()), null);
        }
        if (source instanceof MediaSource.UriSource uri) {
            return new Packed(MediaRef.uri(uri.uri()), null);
        }
        if (source instanceof MediaSource.StreamSource stream) {
            byte[] bytes = readStream(stream, limit);
            return new Packed(MediaRef.inline(stream.name(), bytes.length), bytes);
        }
        throw new IllegalArgumentException(source.id() + " is a directory: submit its files (VisionPipeline.analyzeAll expands directories)");
    }

    private static byte[] readFile(Path file, long limit) {
        try {
            if (!Files.isRegularFile(file)) {
                throw new MediaDecodeException(file.toString(), "the file does not exist");
            }
            long size = Files.size(file);
            if (size > limit) {
                throw new InlineMediaTooLargeException(file.toString(), size, limit);
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MediaDecodeException(file.toString(), "cannot read the file to send it inline: " + e.getMessage(), e);
        }
    }

    private static byte[] readStream(MediaSource.StreamSource stream, long limit) {
        try (InputStream in = stream.opener().get()) {
            if (in == null) {
                throw new MediaDecodeException(stream.name(), "the stream opener returned no stream");
            }
            byte[] bytes = in.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw new InlineMediaTooLargeException(stream.name(), -1, limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new MediaDecodeException(stream.name(), "cannot read the stream to send it inline: " + e.getMessage(), e);
        }
    }
}
