package io.visionpipeline.redis.queue;

import io.visionpipeline.media.MediaSource;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * How a queued job's media reaches the worker: by reference (a file path or URI every worker can
 * read) or inline (the bytes wait in Redis under the job's media key). Exactly one of the three
 * fields is set.
 *
 * @param file   absolute path of a file the workers can read
 * @param uri    a URI the workers can open (http, rtsp, s3 through a gateway, …)
 * @param inline the name of inline media (for reports and errors)
 * @param size   the inline media's size in bytes, 0 otherwise
 * @since 0.1
 */
public record MediaRef(String file, URI uri, String inline, long size) {

    /** Checks exactly one location is set. */
    public MediaRef {
        if (Stream.of(file, uri, inline).filter(Objects::nonNull).count() != 1) {
            throw new IllegalArgumentException("exactly one of file, uri and inline must be set");
        }
        if (size < 0) {
            throw new IllegalArgumentException("size must be >= 0: " + size);
        }
    }

    /**
     * @param path a file; a relative path is made absolute here, on the submitter
     * @return a reference to it
     */
    public static MediaRef file(Path path) {
        return new MediaRef(path.isAbsolute() ? path.toString() : path.toAbsolutePath().toString(), null, null, 0);
    }

    /**
     * @param uri a URI the workers can open
     * @return a reference to it
     */
    public static MediaRef uri(URI uri) {
        return new MediaRef(null, Objects.requireNonNull(uri, "uri"), null, 0);
    }

    /**
     * @param name the media's name
     * @param size its size in bytes
     * @return a marker for inline media
     */
    public static MediaRef inline(String name, long size) {
        return new MediaRef(null, null, Objects.requireNonNull(name, "name"), size);
    }

    /** @return whether the bytes travel inline */
    public boolean travelsInline() {
        return inline != null;
    }

    /** @return the media's id in reports and errors: the path, the URI or the inline name */
    public String id() {
        return file != null ? file : uri != null ? uri.toString() : inline;
    }

    /**
     * @param inlineBytes the inline bytes (ignored for references)
     * @return the source a worker analyses
     */
    public MediaSource toSource(byte[] inlineBytes) {
        if (file != null) {
            return MediaSource.of(Path.of(file));
        }
        if (uri != null) {
            return MediaSource.of(uri);
        }
        Objects.requireNonNull(inlineBytes, "inlineBytes");
        return MediaSource.of(inline, () -> new ByteArrayInputStream(inlineBytes));
    }
}
