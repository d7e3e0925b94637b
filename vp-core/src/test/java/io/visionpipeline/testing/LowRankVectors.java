package io.visionpipeline.testing;

import java.util.Random;

/**
 * Vectors that look like real embeddings to a graph index: they lie near a low-dimensional
 * subspace (a fixed random basis of {@code latent} directions) plus a little isotropic noise.
 * Uniform random vectors in 384 dimensions are all nearly equidistant, so no graph index reaches
 * useful recall on them; real text or image embeddings are not like that.
 */
public final class LowRankVectors {
    private final float[][] basis;
    private final int dimension;
    private final float noise;
    private final Random random;

    /**
     * @param dimension vector length, e.g. 384
     * @param latent    dimensions of the subspace, e.g. 32
     * @param noise     standard deviation of the noise relative to one latent direction, e.g. 0.1
     * @param seed      random seed (same seed, same vectors)
     */
    public LowRankVectors(int dimension, int latent, float noise, long seed) {
        this.dimension = dimension;
        this.noise = noise;
        this.random = new Random(seed);
        this.basis = new float[latent][dimension];
        for (float[] direction : basis) {
            for (int d = 0; d < dimension; d++) {
                direction[d] = (float) (random.nextGaussian() / Math.sqrt(dimension));
            }
        }
    }

    /** @return the next vector */
    public float[] next() {
        float[] v = new float[dimension];
        for (float[] direction : basis) {
            float z = (float) random.nextGaussian();
            for (int d = 0; d < dimension; d++) {
                v[d] += z * direction[d];
            }
        }
        double scale = noise / Math.sqrt(dimension);
        for (int d = 0; d < dimension; d++) {
            v[d] += (float) (random.nextGaussian() * scale);
        }
        return v;
    }

    /**
     * @param n how many
     * @return the next n vectors
     */
    public float[][] next(int n) {
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = next();
        }
        return out;
    }
}
