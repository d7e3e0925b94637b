package io.visionpipeline.core.index;

import com.google.auto.service.AutoService;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexProvider;
import io.visionpipeline.stage.Availability;

import java.nio.file.Path;

/** The {@code flat} index provider: exact search, always available, the fallback default. */
@AutoService(VectorIndexProvider.class)
public final class FlatIndexProvider implements VectorIndexProvider {
    @Override
    public String name() {
        return FlatIndex.NAME;
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public VectorIndex create(IndexConfig config) {
        config.options().requireKnown("the flat index", java.util.Set.of());
        return FlatIndex.create(config);
    }

    @Override
    public VectorIndex load(Path file) {
        return FlatIndex.load(file);
    }
}
