package io.visionpipeline.face;

import io.visionpipeline.stage.FrameStage;

import java.util.List;

/**
 * Finds faces in frames. One result list per input frame, in input order; an empty list when a
 * frame has no face.
 *
 * <pre>{@code
 * try (FaceDetector detector = StageProviders.create(StageKinds.FACES, StageSpec.of("faces"))) {
 *     List<Face> faces = detector.process(frame);
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface FaceDetector extends FrameStage<List<Face>> {
}
