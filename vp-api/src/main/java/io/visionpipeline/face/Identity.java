package io.visionpipeline.face;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One person seen in a media: the faces the {@link IdentityTracker} linked across sampled frames
 * and merged by embedding similarity. Faces in {@link io.visionpipeline.report.FrameResult#faces()}
 * name their identity by {@link #id()}.
 *
 * <pre>{@code
 * for (Identity person : report.identities()) {
 *     System.out.println(person.label() + " on screen " + person.appearances());
 * }
 * }</pre>
 *
 * @param id          id within the media: {@code face-1}, {@code face-2}, … in order of first appearance
 * @param name        the name of the {@link FaceGallery} person it was recognised as, or null
 * @param similarity  the similarity to that person's enrolled faces, or null when not recognised
 * @param appearances when the person is on screen, in time order
 * @param faces       how many faces (over all sampled frames) belong to it
 * @param quality     the quality of its best face, in [0, 1]
 * @param thumbnail   its best face's aligned crop as a JPEG (base64 in JSON), or null
 * @param embedding   the quality-weighted mean of its faces' embeddings, L2-normalised
 * @since 0.1
 */
public record Identity(String id, String name, Double similarity, List<Appearance> appearances, int faces, double quality,
                       byte[] thumbnail, float[] embedding) {

    /** Validates and copies the fields. */
    public Identity {
        Objects.requireNonNull(id, "id");
        appearances = List.copyOf(appearances);
        Objects.requireNonNull(embedding, "embedding");
        if (faces < 1) {
            throw new IllegalArgumentException("faces must be >= 1: " + faces);
        }
    }

    /** @return the name when recognised, else the id */
    public String label() {
        return name != null ? name : id;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Identity[%s%s, %d face(s), %s, quality %.2f]", id,
                name == null ? "" : " = " + name + String.format(Locale.ROOT, " (%.2f)", similarity), faces, appearances, quality);
    }
}
