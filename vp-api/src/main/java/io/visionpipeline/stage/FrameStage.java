package io.visionpipeline.stage;

import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaInfo;

import java.util.List;

/**
 * A stage that analyses frames, batch first: {@code process(List)} returns one result per frame,
 * in the same order. The single-frame call goes through the batch path.
 *
 * <p>An implementation keeps its pre-processing (resize, tensor packing), inference and
 * post-processing (decoding, NMS) apart, and says how it likes to be batched:
 *
 * <pre>{@code
 * public final class MyDetector implements FaceDetector {
 *     public List<List<Face>> process(List<ImageFrame> frames) {
 *         float[] input = pack(frames);                   // pre-processing
 *         float[] output = session.run(input);            // inference, one native call per batch
 *         return decode(output, frames);                  // post-processing, frame pixels
 *     }
 *     public BatchPolicy batchPolicy() { return new BatchPolicy(8, Duration.ofMillis(20)); }
 *     public String modelName() { return "my-detector-v1"; }
 *     public void close() { session.close(); }
 * }
 * }</pre>
 *
 * @param <R> the per-frame result
 * @since 0.1
 */
public interface FrameStage<R> extends Stage {

    /**
     * Analyses a batch of frames.
     *
     * @param frames the frames, not empty
     * @return one result per frame, in input order
     * @throws StageException when the model fails on the batch
     */
    List<R> process(List<ImageFrame> frames);

    /**
     * Analyses one frame through the batch path.
     *
     * @param frame the frame
     * @return its result
     * @throws StageException when the model fails on the frame
     */
    default R process(ImageFrame frame) {
        return process(List.of(frame)).get(0);
    }

    /**
     * @return how the engine should batch frames for this stage
     */
    default BatchPolicy batchPolicy() {
        return BatchPolicy.DEFAULT;
    }

    /**
     * Creates the per-media state that sees this stage's results in frame order (tracking ids,
     * merging text over frames, per-video summaries). The engine calls it once per media.
     *
     * @param media the media about to be analysed
     * @return the aggregator; the default passes results through unchanged
     */
    default SequenceAggregator<R> newAggregator(MediaInfo media) {
        return SequenceAggregator.passThrough();
    }
}
