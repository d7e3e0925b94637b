package io.visionpipeline.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Where media comes from: a file, a directory of files, a URI FFmpeg can open, or a stream.
 *
 * <pre>{@code
 * MediaSource file = MediaSource.of(Path.of("talk.mp4"));
 * MediaSource dir  = MediaSource.of(Path.of("uploads/"));          // every media file inside
 * MediaSource cam  = MediaSource.of(URI.create("rtsp://camera/1"));
 * MediaSource body = MediaSource.of("upload-42.jpg", request::getInputStream);
 * }</pre>
 *
 * @since 0.1
 */
public sealed interface MediaSource
        permits MediaSource.FileSource, MediaSource.DirectorySource, MediaSource.UriSource, MediaSource.StreamSource {

    /**
     * File name extensions a directory is scanned for (lower case, without the dot).
     */
    Set<String> MEDIA_EXTENSIONS = Set.of(
            "mp4", "m4v", "mkv", "webm", "mov", "avi", "mpg", "mpeg", "ts", "flv", "wmv", "3gp", "ogv",
            "jpg", "jpeg", "png", "webp", "bmp", "gif", "tif", "tiff",
            "wav", "mp3", "flac", "ogg", "opus", "m4a", "aac", "wma");

    /**
     * @return a stable identifier used in reports and error messages: the path or URI as given
     */
    String id();

    /**
     * A directory source expands to the media files inside it (sorted by path); every other source
     * expands to itself.
     *
     * @return the sources to analyse one by one
     * @throws MediaDecodeException when a directory cannot be listed or does not exist
     */
    default List<MediaSource> expand() {
        return List.of(this);
    }

    /**
     * A file source, or a directory source when {@code path} is a directory.
     *
     * @param path file or directory
     * @return the source
     */
    static MediaSource of(Path path) {
        Objects.requireNonNull(path, "path");
        return Files.isDirectory(path) ? new DirectorySource(path, true) : new FileSource(path);
    }

    /**
     * A URI source; {@code file:} URIs become file or directory sources.
     *
     * @param uri anything FFmpeg opens: {@code file:}, {@code http(s):}, {@code rtsp:} …
     * @return the source
     */
    static MediaSource of(URI uri) {
        Objects.requireNonNull(uri, "uri");
        return "file".equalsIgnoreCase(uri.getScheme()) ? of(Path.of(uri)) : new UriSource(uri);
    }

    /**
     * A stream source; the stream is opened when decoding starts and closed when it ends.
     *
     * @param name   a name for reports and errors, ideally with the file extension
     * @param opener opens the stream; called once
     * @return the source
     */
    static MediaSource of(String name, Supplier<InputStream> opener) {
        return new StreamSource(name, opener);
    }

    /**
     * A single media file.
     *
     * @param path the file
     */
    record FileSource(Path path) implements MediaSource {
        /** Checks the path is not null. */
        public FileSource {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String id() {
            return path.toString();
        }
    }

    /**
     * Every media file under a directory, by extension ({@link #MEDIA_EXTENSIONS}), sorted by path.
     *
     * @param directory the directory
     * @param recursive whether to descend into sub-directories
     */
    record DirectorySource(Path directory, boolean recursive) implements MediaSource {
        /** Checks the path is not null. */
        public DirectorySource {
            Objects.requireNonNull(directory, "directory");
        }

        @Override
        public String id() {
            return directory.toString();
        }

        @Override
        public List<MediaSource> expand() {
            if (!Files.isDirectory(directory)) {
                throw new MediaDecodeException(id(), "not a directory or does not exist");
            }
            try (Stream<Path> files = recursive ? Files.walk(directory) : Files.list(directory)) {
                return files.filter(Files::isRegularFile)
                        .filter(DirectorySource::isMediaFile)
                        .sorted()
                        .<MediaSource>map(FileSource::new)
                        .toList();
            } catch (IOException | UncheckedIOException e) {
                throw new MediaDecodeException(id(), "cannot list the directory: " + e.getMessage(), e);
            }
        }

        private static boolean isMediaFile(Path file) {
            String name = file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            return !name.startsWith(".") && dot > 0
                    && MEDIA_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
        }
    }

    /**
     * A URI that FFmpeg opens itself (HTTP, RTSP, …).
     *
     * @param uri the URI
     */
    record UriSource(URI uri) implements MediaSource {
        /** Checks the URI is not null. */
        public UriSource {
            Objects.requireNonNull(uri, "uri");
        }

        @Override
        public String id() {
            return uri.toString();
        }
    }

    /**
     * Media read from an {@link InputStream}, e.g. an HTTP upload.
     *
     * @param name   name for reports and errors
     * @param opener opens the stream when decoding starts
     */
    record StreamSource(String name, Supplier<InputStream> opener) implements MediaSource {
        /** Checks the fields are not null. */
        public StreamSource {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(opener, "opener");
        }

        @Override
        public String id() {
            return name;
        }
    }
}
