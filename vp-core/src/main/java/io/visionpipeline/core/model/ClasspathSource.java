package io.visionpipeline.core.model;

import java.io.InputStream;

/**
 * A resource of a jar on the class path (a model shipped as a Maven dependency).
 *
 * @param resource resource path, without a leading slash
 */
public record ClasspathSource(String resource) implements ModelSource {
    /** Normalises the path. */
    public ClasspathSource {
        resource = resource.startsWith("/") ? resource.substring(1) : resource;
    }

    @Override
    public boolean isDownload() {
        return false;
    }

    @Override
    public String text() {
        return "classpath:" + resource;
    }

    @Override
    public InputStream open(FetchContext context, boolean allowDownload) {
        for (ClassLoader loader : context.classLoaders()) {
            InputStream in = loader.getResourceAsStream(resource);
            if (in != null) {
                return in;
            }
        }
        return null;
    }
}
