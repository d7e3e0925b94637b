package io.visionpipeline.redis;

import io.visionpipeline.VisionPipelineException;

/**
 * Media that would travel inline through Redis is larger than the executor's inline limit.
 * Pass it as a file path or URI every worker can read instead, or raise the limit.
 *
 * @since 0.1
 */
public class InlineMediaTooLargeException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    private final String media;
    private final long limit;

    /**
     * @param media the media's name
     * @param size  its size in bytes, or -1 when only known to exceed the limit
     * @param limit the limit in bytes
     */
    public InlineMediaTooLargeException(String media, long size, long limit) {
        super("Cannot send '" + media + "' to the workers inline: it is " + (size < 0 ? "larger than" : size + " bytes, over")
                + " the inline limit of " + limit + " bytes. Pass a file path or URI every worker can read, or raise the limit "
                + "(RedisExecutor.builder(...).inlineLimit(bytes))");
        this.media = media;
        this.limit = limit;
    }

    /** @return the media's name */
    public String media() {
        return media;
    }

    /** @return the limit in bytes */
    public long limit() {
        return limit;
    }
}
