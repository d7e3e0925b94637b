package io.visionpipeline.core.engine;

import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.Stage;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;
import java.util.function.Function;

/**
 * Registers an engine probe as the {@code probe} provider of a kind, at priority -1 so it is only
 * ever used when named.
 *
 * @param <S> the stage interface
 */
abstract class ProbeProvider<S extends Stage> implements StageProvider<S> {
    private final StageKind<S> kind;
    private final Set<String> optionKeys;
    private final Function<StageOptions, S> factory;

    ProbeProvider(StageKind<S> kind, Set<String> optionKeys, Function<StageOptions, S> factory) {
        this.kind = kind;
        this.optionKeys = optionKeys;
        this.factory = factory;
    }

    @Override
    public StageKind<S> kind() {
        return kind;
    }

    @Override
    public String name() {
        return "probe";
    }

    @Override
    public int priority() {
        return -1;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public Set<String> optionKeys() {
        return optionKeys;
    }

    @Override
    public S create(StageOptions options) {
        return factory.apply(options);
    }
}
