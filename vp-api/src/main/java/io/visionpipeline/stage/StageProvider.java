package io.visionpipeline.stage;

import java.util.Set;

/**
 * Creates stages of one kind. Providers are found with {@link java.util.ServiceLoader}; register an
 * implementation with {@code @AutoService(StageProvider.class)}. When several providers serve a
 * kind, the one named in the pipeline wins, else the one pinned by the system property
 * {@code vp.<kind>.provider}, else the available one with the highest {@link #priority()}.
 *
 * <pre>{@code
 * @AutoService(StageProvider.class)
 * public final class MyFaceProvider implements StageProvider<FaceDetector> {
 *     public StageKind<FaceDetector> kind() { return StageKinds.FACES; }
 *     public String name() { return "my-faces"; }
 *     public int priority() { return 10; }
 *     public Availability availability() { return Availability.AVAILABLE; }
 *     public Set<String> optionKeys() { return Set.of("threshold"); }
 *     public FaceDetector create(StageOptions options) { return new MyDetector(options.getDouble("threshold", 0.5)); }
 * }
 * }</pre>
 *
 * @param <S> the stage interface
 * @since 0.1
 */
public interface StageProvider<S extends Stage> {

    /** @return the kind of stage this provider creates */
    StageKind<S> kind();

    /** @return the provider's unique name within its kind, e.g. {@code blazeface} */
    String name();

    /** @return higher wins when no provider is named; built-in defaults use 100 */
    int priority();

    /**
     * Cheap check that required native libraries and models can be had. Must not throw.
     *
     * @return whether this provider can create stages here, and if not, why
     */
    Availability availability();

    /**
     * @return the option keys this provider reads; any other key (except {@code models.*}) is
     *         rejected so typos fail loudly
     */
    default Set<String> optionKeys() {
        return Set.of();
    }

    /**
     * Creates a stage. The caller owns it and must close it.
     *
     * @param options provider options (already checked against {@link #optionKeys()})
     * @return the stage
     * @throws io.visionpipeline.model.ModelUnavailableException when its model cannot be had
     * @throws IllegalArgumentException                          when an option value is invalid
     */
    S create(StageOptions options);
}
