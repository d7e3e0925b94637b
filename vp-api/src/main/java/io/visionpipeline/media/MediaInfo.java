package io.visionpipeline.media;

import java.time.Duration;
import java.util.Objects;

/**
 * What the decoder learned about a media source when it opened it.
 *
 * @param mediaId    the source's identifier ({@link MediaSource#id()})
 * @param kind       image, video or audio
 * @param format     container format as FFmpeg names it, e.g. {@code mov,mp4,m4a,3gp,3g2,mj2}
 * @param duration   duration, {@link Duration#ZERO} for images and when unknown
 * @param width      frame width in pixels, 0 without video
 * @param height     frame height in pixels, 0 without video
 * @param frameRate  frames per second, 0 when unknown
 * @param frameCount estimated number of frames, 0 when unknown
 * @param videoCodec video codec name, empty without video
 * @param audioCodec audio codec name, empty without audio
 * @since 0.1
 */
public record MediaInfo(String mediaId, MediaKind kind, String format, Duration duration,
                        int width, int height, double frameRate, long frameCount,
                        String videoCodec, String audioCodec) {

    /** Validates and normalises the fields. */
    public MediaInfo {
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(kind, "kind");
        format = format == null ? "" : format;
        duration = duration == null ? Duration.ZERO : duration;
        videoCodec = videoCodec == null ? "" : videoCodec;
        audioCodec = audioCodec == null ? "" : audioCodec;
    }

    /**
     * @return whether the media has an audio track
     */
    public boolean hasAudio() {
        return !audioCodec.isEmpty();
    }

    /**
     * @return whether the media has a video track or is an image
     */
    public boolean hasVideo() {
        return !videoCodec.isEmpty();
    }
}
