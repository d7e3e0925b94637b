package io.visionpipeline.face;

import io.visionpipeline.geometry.BoundingBox;

import java.util.Locale;
import java.util.Objects;

/**
 * A face found in one frame.
 *
 * <p>When the {@code faces} stage has a face embedder, each face first carries its
 * {@link FaceEmbedding} (vector, quality, aligned thumbnail); the per-media
 * {@link IdentityTracker} then replaces it with the id of the {@link Identity} the face belongs
 * to, so a stored report keeps one embedding per identity, not one per face.
 *
 * <pre>{@code
 * for (Face face : frame.faces()) {
 *     System.out.println(face.box() + " is " + (face.identity() == null ? "unknown" : face.identity()));
 * }
 * }</pre>
 *
 * @param box       the face's box in frame pixels
 * @param score     detector confidence in [0, 1]
 * @param landmarks eyes, nose, mouth and ears in frame pixels
 * @param embedding the face's embedding, or null (no embedder, or already folded into an identity)
 * @param identity  the id of the {@link Identity} this face belongs to in its media, or null
 * @since 0.1
 */
public record Face(BoundingBox box, double score, FaceLandmarks landmarks, FaceEmbedding embedding, String identity) {

    /** Validates the fields. */
    public Face {
        Objects.requireNonNull(box, "box");
        Objects.requireNonNull(landmarks, "landmarks");
        if (!(score >= 0 && score <= 1)) {
            throw new IllegalArgumentException("score must be in [0, 1]: " + score);
        }
    }

    /**
     * A detected face without embedding or identity.
     *
     * @param box       the face's box in frame pixels
     * @param score     detector confidence in [0, 1]
     * @param landmarks eyes, nose, mouth and ears in frame pixels
     */
    public Face(BoundingBox box, double score, FaceLandmarks landmarks) {
        this(box, score, landmarks, null, null);
    }

    /**
     * @param value the face's embedding
     * @return this face with it
     */
    public Face withEmbedding(FaceEmbedding value) {
        return new Face(box, score, landmarks, Objects.requireNonNull(value, "embedding"), identity);
    }

    /**
     * @param id the identity's id
     * @return this face labelled with it and without its embedding (kept once, in the identity)
     */
    public Face withIdentity(String id) {
        return new Face(box, score, landmarks, null, Objects.requireNonNull(id, "id"));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Face[%s%s score=%.2f]", identity == null ? "" : identity + " ", box, score);
    }
}
