package io.visionpipeline.cpu.face;

import io.visionpipeline.face.FaceGallery;
import io.visionpipeline.face.IdentityTracker;

/**
 * What the {@code faces} stage needs, beyond detection, to give faces identities: the embedder,
 * the match threshold, the least quality for a face to count, how many sampled frames a track may
 * miss, and optionally a gallery of known people. Closing it closes the embedder and the gallery.
 *
 * <pre>{@code
 * FaceIdentification ids = new FaceIdentification(FaceEmbedderSession.open(FaceEmbedderModel.MOBILEFACE, store, session),
 *         FaceGallery.DEFAULT_MATCH_THRESHOLD, IdentityTracker.DEFAULT_MIN_QUALITY, IdentityTracker.DEFAULT_MAX_MISSED_FRAMES, null);
 * }</pre>
 *
 * @param embedder        the face embedder
 * @param threshold       least cosine similarity for two faces to be one person
 * @param minQuality      least quality for a face to shape its identity
 * @param maxMissedFrames sampled frames in a row a track may miss
 * @param gallery         known people, or null
 */
public record FaceIdentification(FaceEmbedderSession embedder, double threshold, double minQuality, int maxMissedFrames,
                                 FaceGallery gallery) implements AutoCloseable {

    /** @return a new per-media tracker with these settings */
    IdentityTracker newTracker() {
        return new IdentityTracker(threshold, minQuality, maxMissedFrames, gallery);
    }

    @Override
    public void close() {
        embedder.close();
        if (gallery != null) {
            gallery.close();
        }
    }
}
