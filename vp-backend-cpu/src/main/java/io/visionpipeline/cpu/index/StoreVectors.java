package io.visionpipeline.cpu.index;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import io.visionpipeline.core.index.VectorStore;

/**
 * The vectors of a {@link VectorStore} as JVector reads them, by ordinal. Each read copies one
 * vector out of its chunk, so the store stays the only copy of the data.
 */
final class StoreVectors implements RandomAccessVectorValues {
    private static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();

    private final VectorStore store;

    StoreVectors(VectorStore store) {
        this.store = store;
    }

    static VectorFloat<?> wrap(float[] vector) {
        return TYPES.createFloatVector(vector);
    }

    @Override
    public int size() {
        return store.ordinals();
    }

    @Override
    public int dimension() {
        return store.dimension();
    }

    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return wrap(store.vector(ordinal));
    }

    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
