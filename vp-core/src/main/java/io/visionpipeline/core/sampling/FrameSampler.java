package io.visionpipeline.core.sampling;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.sampling.FrameSampling;

import java.util.function.Supplier;

/**
 * Decides, frame by frame and before any pixel conversion, which decoded frames to keep. One
 * instance per media; not thread-safe.
 *
 * <pre>{@code
 * FrameSampler sampler = FrameSampler.create(FrameSampling.every(Duration.ofSeconds(1)), media);
 * if (sampler.accept(index, micros, () -> thumbnailOf(picture))) { convertAndAnalyse(picture); }
 * }</pre>
 */
public interface FrameSampler {

    /**
     * @param index           the frame's index (decode order, from 0)
     * @param timestampMicros the frame's media time in microseconds
     * @param greyThumbnail   a small grey thumbnail of the frame, computed only if asked for
     * @return whether to analyse this frame
     */
    boolean accept(long index, long timestampMicros, Supplier<byte[]> greyThumbnail);

    /**
     * @return an estimate of how many frames this sampler will keep, 0 when unknown
     */
    long expectedFrames();

    /**
     * @param sampling the policy
     * @param media    the media about to be decoded
     * @return a sampler for it
     */
    static FrameSampler create(FrameSampling sampling, MediaInfo media) {
        if (sampling instanceof FrameSampling.Interval interval) {
            return new IntervalSampler(interval.interval().toNanos() / 1000, media.duration().toNanos() / 1000);
        }
        if (sampling instanceof FrameSampling.NthFrame nth) {
            return new NthFrameSampler(nth.n(), media.frameCount());
        }
        if (sampling instanceof FrameSampling.MaxFrames max) {
            return new MaxFramesSampler(max.count(), media.duration().toNanos() / 1000);
        }
        if (sampling instanceof FrameSampling.SceneChange scene) {
            return new SceneChangeSampler(scene.threshold(), scene.minGap().toNanos() / 1000);
        }
        throw new IllegalArgumentException("Unknown frame sampling " + sampling);
    }
}
