package io.visionpipeline.core.embedding;

/**
 * Turns a transformer's per-token output into one L2-normalised vector per text: the one place
 * this is done, for every text (and later image) encoder.
 */
public enum Pooling {
    /** Mean of the token vectors the attention mask keeps (sentence-transformers, E5). */
    MEAN,
    /** The first token's vector ([CLS]; BGE). */
    CLS;

    /**
     * @param hidden    last hidden state, row-major [batch, tokens, dim]
     * @param mask      attention mask, row-major [batch, tokens] (1 keeps a token)
     * @param batch     texts in the batch
     * @param tokens    tokens per text (padded length)
     * @param dimension hidden size
     * @return one unit-length vector per text
     */
    public float[][] pool(float[] hidden, long[] mask, int batch, int tokens, int dimension) {
        if (hidden.length != batch * tokens * dimension || mask.length != batch * tokens) {
            throw new IllegalArgumentException("hidden state of " + hidden.length + " values and mask of " + mask.length
                    + " do not fit [" + batch + ", " + tokens + ", " + dimension + "]");
        }
        float[][] out = new float[batch][dimension];
        for (int b = 0; b < batch; b++) {
            float[] v = out[b];
            if (this == CLS) {
                System.arraycopy(hidden, b * tokens * dimension, v, 0, dimension);
            } else {
                int kept = 0;
                for (int t = 0; t < tokens; t++) {
                    if (mask[b * tokens + t] == 0) {
                        continue;
                    }
                    kept++;
                    int base = (b * tokens + t) * dimension;
                    for (int d = 0; d < dimension; d++) {
                        v[d] += hidden[base + d];
                    }
                }
                for (int d = 0; d < dimension && kept > 0; d++) {
                    v[d] /= kept;
                }
            }
            io.visionpipeline.core.index.VectorMath.normalize(v, 0, dimension);
        }
        return out;
    }
}
