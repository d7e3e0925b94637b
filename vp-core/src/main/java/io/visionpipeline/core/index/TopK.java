package io.visionpipeline.core.index;

/**
 * The k best (ordinal, score) pairs seen so far: a min-heap on primitive arrays, so the scan
 * loop allocates nothing per candidate.
 */
public final class TopK {
    private final int[] ordinals;
    private final float[] scores;
    private int size;

    /**
     * @param k how many to keep, at least 1
     */
    public TopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        ordinals = new int[k];
        scores = new float[k];
    }

    /** @return the lowest score kept, or negative infinity while fewer than k are kept */
    public float threshold() {
        return size < scores.length ? Float.NEGATIVE_INFINITY : scores[0];
    }

    /**
     * @param ordinal a candidate
     * @param score   its score
     */
    public void offer(int ordinal, float score) {
        if (size < scores.length) {
            ordinals[size] = ordinal;
            scores[size] = score;
            siftUp(size++);
        } else if (score > scores[0]) {
            ordinals[0] = ordinal;
            scores[0] = score;
            siftDown(0);
        }
    }

    /** @return how many are kept */
    public int size() {
        return size;
    }

    /**
     * Empties the heap into two arrays, best first.
     *
     * @param outOrdinals receives the ordinals, length at least {@link #size()}
     * @param outScores   receives the scores
     * @return how many were written
     */
    public int drainBestFirst(int[] outOrdinals, float[] outScores) {
        int n = size;
        for (int i = n - 1; i >= 0; i--) {
            outOrdinals[i] = ordinals[0];
            outScores[i] = scores[0];
            size--;
            ordinals[0] = ordinals[size];
            scores[0] = scores[size];
            siftDown(0);
        }
        return n;
    }

    private void siftUp(int i) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (scores[parent] <= scores[i]) {
                return;
            }
            swap(i, parent);
            i = parent;
        }
    }

    private void siftDown(int i) {
        while (true) {
            int l = 2 * i + 1;
            if (l >= size) {
                return;
            }
            int smallest = l + 1 < size && scores[l + 1] < scores[l] ? l + 1 : l;
            if (scores[i] <= scores[smallest]) {
                return;
            }
            swap(i, smallest);
            i = smallest;
        }
    }

    private void swap(int a, int b) {
        int o = ordinals[a];
        ordinals[a] = ordinals[b];
        ordinals[b] = o;
        float s = scores[a];
        scores[a] = scores[b];
        scores[b] = s;
    }
}
