package io.visionpipeline.core.model;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;

/**
 * A file downloaded over HTTPS.
 *
 * @param uri the file's URL
 */
public record HttpsSource(URI uri) implements ModelSource {

    @Override
    public boolean isDownload() {
        return true;
    }

    @Override
    public String text() {
        return uri.toString();
    }

    @Override
    public InputStream open(FetchContext context, boolean allowDownload) throws IOException {
        return allowDownload ? context.openUrl(uri) : null;
    }
}
