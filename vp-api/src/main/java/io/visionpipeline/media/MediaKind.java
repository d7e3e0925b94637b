package io.visionpipeline.media;

/**
 * What a media source holds once probed.
 *
 * @since 0.1
 */
public enum MediaKind {
    /** A still image: one frame. */
    IMAGE,
    /** A video stream, possibly with audio. */
    VIDEO,
    /** Audio only. */
    AUDIO
}
