package io.visionpipeline.core.index;

import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;

/**
 * What every in-memory index shares: a {@link VectorStore} behind a read/write lock (searches in
 * parallel, writes one at a time), upserts, deletes, metadata, and crash-safe saving through
 * {@link IndexFile}. Subclasses add a search structure through the hooks.
 */
public abstract class StoredVectorIndex implements VectorIndex {
    /** The vectors; guarded by {@link #lock}. */
    protected final VectorStore store;
    /** Readers search; writers add and delete. */
    protected final ReadWriteLock lock = new ReentrantReadWriteLock();

    /**
     * @param store the vectors (empty, or loaded from a file)
     */
    protected StoredVectorIndex(VectorStore store) {
        this.store = store;
    }

    @Override
    public int dimension() {
        return store.dimension();
    }

    @Override
    public Metric metric() {
        return store.metric();
    }

    @Override
    public int size() {
        return read(store::size);
    }

    /**
     * @param action what to do under the read lock
     * @param <T>    its result type
     * @return its result
     */
    protected final <T> T read(java.util.function.Supplier<T> action) {
        lock.readLock().lock();
        try {
            return action.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void upsertAll(List<IndexEntry> entries) {
        lock.writeLock().lock();
        try {
            int[] ordinals = new int[entries.size()];
            int n = 0;
            try {
                for (IndexEntry e : entries) {
                    int[] added = store.add(e.id(), e.vector(), e.metadata());
                    if (added[1] >= 0) {
                        onDeleted(added[1]);
                    }
                    ordinals[n++] = added[0];
                }
            } finally {
                onAdded(java.util.Arrays.copyOf(ordinals, n));
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean delete(String id) {
        lock.writeLock().lock();
        try {
            int ordinal = store.delete(id);
            if (ordinal >= 0) {
                onDeleted(ordinal);
            }
            return ordinal >= 0;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public int deleteIf(Predicate<EntryMetadata> which) {
        lock.writeLock().lock();
        try {
            List<String> doomed = new ArrayList<>();
            for (int o = 0; o < store.ordinals(); o++) {
                if (!store.isDeleted(o) && which.test(store.metadata(o))) {
                    doomed.add(store.id(o));
                }
            }
            for (String id : doomed) {
                onDeleted(store.delete(id));
            }
            return doomed.size();
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public List<IndexHit> search(float[] query, int k, IndexFilter filter) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be >= 1: " + k);
        }
        return read(() -> searchLocked(store.prepareQuery(query), k, filter == null ? IndexFilter.ALL : filter));
    }

    @Override
    public EntryMetadata metadata(String id) {
        return read(() -> {
            int o = store.ordinalOf(id);
            return o < 0 ? null : store.metadata(o);
        });
    }

    @Override
    public void save(Path file) {
        lock.writeLock().lock();
        try {
            IndexFile.write(file, providerName(), store, section());
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
    }

    /**
     * Searches under the read lock.
     *
     * @param query  the prepared query
     * @param k      how many hits
     * @param filter which entries may be returned
     * @return the best hits, best first
     */
    protected abstract List<IndexHit> searchLocked(float[] query, int k, IndexFilter filter);

    /**
     * Called under the write lock after vectors were stored.
     *
     * @param ordinals their ordinals, in order
     */
    protected void onAdded(int[] ordinals) {
    }

    /**
     * Called under the write lock after an entry became a tombstone.
     *
     * @param ordinal its ordinal
     */
    protected void onDeleted(int ordinal) {
    }

    /** @return the provider's own bytes to save beside the vectors (called under the write lock) */
    protected byte[] section() {
        return new byte[0];
    }
}
