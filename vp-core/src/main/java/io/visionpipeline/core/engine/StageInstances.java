package io.visionpipeline.core.engine;

import io.visionpipeline.StageKinds;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.stage.Stage;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * The instances of one configured stage: created through its provider, one shared instance when
 * the stage is thread-safe, otherwise one per concurrent user (idle ones are reused), all closed
 * together when the executor closes. The first instance is created at once, so a missing model
 * fails when the pipeline is prepared.
 *
 * @param <S> the stage type (frame or audio stages)
 */
final class StageInstances<S extends Stage> {
    private static final Logger LOG = LoggerFactory.getLogger(StageInstances.class);

    private final StageKind<?> kind;
    private final StageProvider<?> provider;
    private final StageOptions options;
    private final Class<?> type;
    private final List<S> all = new ArrayList<>();
    private final BlockingQueue<S> idle = new LinkedBlockingQueue<>();
    private final S shared;
    private final String modelName;

    StageInstances(StageSpec spec, Class<?> type) {
        this.kind = StageKinds.named(spec.kind());
        this.type = type;
        this.provider = StageProviders.select(kind, spec.provider());
        this.options = spec.stageOptions();
        S first = create();
        this.shared = first.isThreadSafe() ? first : null;
        if (shared == null) {
            idle.add(first);
        }
        this.modelName = first.modelName();
    }

    StageKind<?> kind() {
        return kind;
    }

    /** @return the report entry describing this stage */
    StageRun describe() {
        return new StageRun(kind.name(), provider.name(), modelName, options.asMap());
    }

    /** @return any instance, e.g. to create per-media aggregators from */
    S any() {
        synchronized (all) {
            return all.get(0);
        }
    }

    /** @return the shared instance, or for a stage that is not thread-safe an idle or new one of its own */
    S acquire() {
        if (shared != null) {
            return shared;
        }
        S stage = idle.poll();
        return stage != null ? stage : create();
    }

    /** @param stage an instance from {@link #acquire()}, no longer in use */
    void release(S stage) {
        if (shared == null) {
            idle.add(stage);
        }
    }

    /**
     * @param media the media being analysed
     * @param where what the stage was doing, e.g. {@code frame 42}, or empty
     * @param cause what went wrong
     * @return a failure naming the stage, its provider and the media, unless {@code cause} already names the media
     */
    StageException failure(String media, String where, Throwable cause) {
        if (cause instanceof StageException se && se.getMessage() != null && se.getMessage().contains(media)) {
            return se;
        }
        return new StageException("Stage '" + kind + "' (" + provider.name() + ") failed on '" + media + "'"
                + (where.isEmpty() ? "" : " " + where) + ": " + FailureText.of(cause), cause);
    }

    /** Closes every instance. Call only when none is in use. */
    void closeAll() {
        synchronized (all) {
            for (S stage : all) {
                try {
                    stage.close();
                } catch (RuntimeException e) {
                    LOG.warn("Closing stage {} failed: {}", kind, e.toString());
                }
            }
            all.clear();
        }
    }

    @SuppressWarnings("unchecked")
    private S create() {
        Stage stage = StageProviders.create(provider, options);
        if (!type.isInstance(stage)) {
            stage.close();
            throw new StageException("Provider '" + provider.name() + "' of '" + kind + "' made a " + stage.getClass().getName()
                    + ", not a " + type.getSimpleName());
        }
        synchronized (all) {
            all.add((S) stage);
        }
        return (S) stage;
    }
}
