package io.visionpipeline.stage;

import io.visionpipeline.media.AudioTrack;

/**
 * A stage that analyses a media's whole audio track and returns one media-level result (a
 * transcript, a language, a loudness profile). The engine hands it the track of each media, pulled
 * clip by clip with bounded memory, on a thread of its own while the frame stages run; a media
 * without audio gives a track with no clips, and the stage returns its "nothing heard" result.
 *
 * <pre>{@code
 * public final class LoudnessMeter implements AudioStage<Double> {
 *     public Double process(AudioTrack audio) {
 *         double sum = 0; long n = 0;
 *         while (audio.hasNext()) {
 *             for (float s : audio.next().samples()) { sum += s * s; n++; }
 *         }
 *         return n == 0 ? 0.0 : Math.sqrt(sum / n);
 *     }
 *     public String modelName() { return "rms"; }
 * }
 * }</pre>
 *
 * A stage that is {@link #isThreadSafe() thread-safe} may be given several media at once from
 * several threads.
 *
 * @param <R> the per-media result
 * @since 0.1
 */
public interface AudioStage<R> extends Stage {

    /**
     * Analyses one media's audio.
     *
     * @param audio the track, read to its end (or until the analysis stops)
     * @return the result for the media
     * @throws StageException when the model fails
     */
    R process(AudioTrack audio);
}
