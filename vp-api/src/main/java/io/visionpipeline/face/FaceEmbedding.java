package io.visionpipeline.face;

import java.util.Locale;
import java.util.Objects;

/**
 * What a face embedder made of one face: an L2-normalised vector (faces of one person lie close
 * together: compare with {@link #similarity}), how usable the crop was, and the aligned crop itself
 * as a small JPEG, encoded when first asked for ({@link FaceThumbnail}).
 *
 * <pre>{@code
 * double s = a.embedding().similarity(b.embedding());   // cosine similarity in [-1, 1]
 * boolean same = s >= FaceGallery.DEFAULT_MATCH_THRESHOLD;
 * }</pre>
 *
 * @param vector    the L2-normalised embedding
 * @param quality   how usable the crop is, in [0, 1] (size, sharpness, frontal pose); see the stage's docs
 * @param thumbnail the aligned face crop as a JPEG (written to JSON as base64), or null
 * @since 0.1
 */
public record FaceEmbedding(float[] vector, double quality, FaceThumbnail thumbnail) {

    /** Validates the fields. */
    public FaceEmbedding {
        Objects.requireNonNull(vector, "vector");
        if (vector.length == 0) {
            throw new IllegalArgumentException("empty embedding");
        }
        if (!(quality >= 0 && quality <= 1)) {
            throw new IllegalArgumentException("quality must be in [0, 1]: " + quality);
        }
    }

    /**
     * @param other another embedding of the same embedder
     * @return their cosine similarity (the dot product of the normalised vectors)
     * @throws IllegalArgumentException when the lengths differ
     */
    public double similarity(FaceEmbedding other) {
        return dot(vector, other.vector);
    }

    /**
     * @param a a normalised vector
     * @param b another of the same length
     * @return their dot product
     * @throws IllegalArgumentException when the lengths differ
     */
    public static double dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("embeddings of different lengths: " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    /**
     * @param v a vector, changed in place
     * @return v, scaled to unit length (left as it is when all zero)
     */
    public static float[] normalize(float[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (v[i] / n);
            }
        }
        return v;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FaceEmbedding[%d-d quality=%.2f%s]", vector.length, quality,
                thumbnail == null ? "" : " " + thumbnail);
    }
}
