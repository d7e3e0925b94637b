package io.visionpipeline.core.decode;

import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaSource;
import org.bytedeco.javacv.FFmpegFrameGrabber;

/**
 * Reads what a media is (kind, size, duration, codecs) without decoding it.
 *
 * <pre>{@code
 * MediaInfo info = MediaProbe.probe(MediaSource.of(Path.of("talk.mp4")));
 * }</pre>
 */
public final class MediaProbe {
    private MediaProbe() {
    }

    /**
     * @param source the media
     * @return what it is
     * @throws MediaDecodeException naming the media when it cannot be opened
     */
    public static MediaInfo probe(MediaSource source) {
        FFmpegFrameGrabber grabber = MediaOpener.open(source, g -> { });
        try {
            return MediaOpener.describe(source, grabber);
        } finally {
            MediaOpener.closeQuietly(grabber);
        }
    }
}
