package io.visionpipeline.cpu.index;

import com.google.auto.service.AutoService;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexProvider;
import io.visionpipeline.stage.Availability;

import java.nio.file.Path;

/**
 * The {@code hnsw} index provider (JVector): the default when vp-backend-cpu is on the class path.
 * Options: {@code maxDegree}, {@code beamWidth}, {@code overQuery}, {@code graphThreshold}
 * (see {@link HnswIndex.Params}).
 */
@AutoService(VectorIndexProvider.class)
public final class HnswIndexProvider implements VectorIndexProvider {
    @Override
    public String name() {
        return HnswIndex.NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public VectorIndex create(IndexConfig config) {
        return HnswIndex.create(config, HnswIndex.Params.fromOptions(config.options()));
    }

    @Override
    public VectorIndex load(Path file) {
        return HnswIndex.load(file);
    }
}
