package io.visionpipeline.face;

import java.util.Optional;

/**
 * Says who a face is, from its embedding: the {@link IdentityTracker} asks it about each identity
 * it finds. {@link FaceGallery} is the implementation on a vector index of enrolled faces.
 *
 * <pre>{@code
 * FaceRecognizer known = FaceGallery.load(Path.of("people.vpg"));
 * known.recognize(identity.embedding()).ifPresent(m -> System.out.println("This is " + m.name()));
 * }</pre>
 *
 * @since 0.1
 */
@FunctionalInterface
public interface FaceRecognizer {

    /**
     * @param embedding an L2-normalised face embedding
     * @return the known person it matches, or empty when it matches nobody closely enough
     */
    Optional<FaceMatch> recognize(float[] embedding);
}
