package io.visionpipeline.media;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * The audio of one media as 16 kHz mono {@link AudioClip}s in media order, decoded as they are
 * pulled, so a long media is never held in memory at once. A media without audio, or an image, has
 * a track with no clips.
 *
 * <p>{@link #hasNext()} and {@link #next()} may throw the
 * {@link io.visionpipeline.VisionPipelineException} that stopped decoding, and a
 * {@link java.util.concurrent.CancellationException} once the analysis was cancelled: let both
 * propagate.
 *
 * <pre>{@code
 * while (track.hasNext()) {
 *     AudioClip clip = track.next();
 *     detector.accept(clip.samples(), clip.start());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface AudioTrack extends Iterator<AudioClip> {

    /** @return the media the track belongs to */
    MediaInfo media();

    /**
     * A track over clips already in memory: for tests, and for audio that did not come from a file.
     *
     * @param media the media they belong to
     * @param clips the clips, in media order
     * @return the track
     */
    static AudioTrack of(MediaInfo media, List<AudioClip> clips) {
        Objects.requireNonNull(media, "media");
        Iterator<AudioClip> it = List.copyOf(clips).iterator();
        return new AudioTrack() {
            @Override
            public MediaInfo media() {
                return media;
            }

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public AudioClip next() {
                if (!it.hasNext()) {
                    throw new NoSuchElementException();
                }
                return it.next();
            }
        };
    }
}
