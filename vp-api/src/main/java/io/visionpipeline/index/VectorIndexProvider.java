package io.visionpipeline.index;

import io.visionpipeline.stage.Availability;

import java.nio.file.Path;

/**
 * Makes and loads {@link VectorIndex}es of one implementation. Found with
 * {@link java.util.ServiceLoader}; register with {@code @AutoService(VectorIndexProvider.class)}.
 *
 * @since 0.1
 */
public interface VectorIndexProvider {

    /** @return the provider's unique name, e.g. {@code flat} or {@code hnsw}; saved files record it */
    String name();

    /** @return higher wins when no provider is named; built-in defaults use 100 */
    int priority();

    /** @return whether the provider can run here, and if not, why; never throws */
    Availability availability();

    /**
     * @param config dimension, metric and options
     * @return a new, empty index
     * @throws IllegalArgumentException naming an invalid option
     */
    VectorIndex create(IndexConfig config);

    /**
     * @param file a file this provider's indexes saved
     * @return the index
     * @throws IndexCorruptedException naming the file when it is damaged
     */
    VectorIndex load(Path file);
}
