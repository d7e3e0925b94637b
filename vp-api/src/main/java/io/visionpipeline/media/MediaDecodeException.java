package io.visionpipeline.media;

import io.visionpipeline.VisionPipelineException;

/**
 * A media file or stream cannot be opened or decoded: it is missing, empty, truncated, not a
 * media file, or uses a codec the decoder does not have.
 *
 * <p>The message always starts with the media's name, e.g.
 * {@code Cannot decode 'clip.mp4': the file is empty (0 bytes)}.
 *
 * @since 0.1
 */
public class MediaDecodeException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    private final String media;

    /**
     * @param media   the file, URI or stream name that failed
     * @param problem what is wrong with it
     */
    public MediaDecodeException(String media, String problem) {
        super(format(media, problem));
        this.media = media;
    }

    /**
     * @param media   the file, URI or stream name that failed
     * @param problem what is wrong with it
     * @param cause   the decoder's own error
     */
    public MediaDecodeException(String media, String problem, Throwable cause) {
        super(format(media, problem), cause);
        this.media = media;
    }

    /**
     * @return the file, URI or stream name that failed
     */
    public String media() {
        return media;
    }

    private static String format(String media, String problem) {
        return "Cannot decode '" + media + "': " + problem;
    }
}
