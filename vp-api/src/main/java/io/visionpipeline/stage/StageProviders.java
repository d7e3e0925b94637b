package io.visionpipeline.stage;

import io.visionpipeline.StageKinds;
import io.visionpipeline.internal.ServiceLookup;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Finds {@link StageProvider}s and creates stages from {@link StageSpec}s.
 *
 * <pre>{@code
 * // the best available face detector, with one option
 * FaceDetector detector = StageProviders.create(StageKinds.FACES,
 *         new StageSpec("faces", "blazeface", Map.of("model", "full")));
 * // what is installed, and why something is not usable
 * StageProviders.all().forEach(p -> System.out.println(p.kind() + "/" + p.name() + ": " + p.availability()));
 * }</pre>
 *
 * @since 0.1
 */
public final class StageProviders {
    /** Prefix of the system property that pins a provider: {@code vp.<kind>.provider=<name>}. */
    public static final String PIN_PROPERTY_PREFIX = "vp.";

    private StageProviders() {
    }

    /**
     * @return every provider on the class path, sorted by kind, then priority (highest first)
     */
    public static List<StageProvider<?>> all() {
        List<StageProvider<?>> providers = ServiceLookup.load(rawProviderType());
        providers.sort(Comparator.<StageProvider<?>, String>comparing(p -> p.kind().name())
                .thenComparing(Comparator.<StageProvider<?>>comparingInt(StageProvider::priority).reversed())
                .thenComparing(StageProvider::name));
        return providers;
    }

    /**
     * @param kind a stage kind
     * @param <S>  the stage interface
     * @return its providers, highest priority first
     */
    @SuppressWarnings("unchecked")
    public static <S extends Stage> List<StageProvider<S>> forKind(StageKind<S> kind) {
        return all().stream()
                .filter(p -> p.kind().name().equals(kind.name()))
                .map(p -> (StageProvider<S>) p)
                .toList();
    }

    /**
     * Picks a provider: the named one, else the one pinned by {@code vp.<kind>.provider}, else the
     * available one with the highest priority.
     *
     * @param kind the stage kind
     * @param name provider name, or empty for automatic choice
     * @param <S>  the stage interface
     * @return the provider
     * @throws StageException naming the known providers when the name is unknown, or saying why
     *                        each is unavailable when none can run
     */
    public static <S extends Stage> StageProvider<S> select(StageKind<S> kind, String name) {
        List<StageProvider<S>> providers = forKind(kind);
        String wanted = name == null || name.isBlank()
                ? System.getProperty(PIN_PROPERTY_PREFIX + kind.name() + ".provider", "") : name;
        if (!wanted.isBlank()) {
            StageProvider<S> provider = providers.stream().filter(p -> p.name().equals(wanted)).findFirst()
                    .orElseThrow(() -> new StageException("Unknown " + kind + " provider '" + wanted + "'; known: "
                            + (providers.isEmpty() ? "none (add a backend such as vp-backend-cpu to the class path)"
                            : providers.stream().map(StageProvider::name).collect(Collectors.joining(", ")))));
            Availability availability = provider.availability();
            if (!availability.available()) {
                throw new StageException("The " + kind + " provider '" + wanted + "' cannot run here: " + availability.reason());
            }
            return provider;
        }
        return providers.stream().filter(p -> p.availability().available()).findFirst()
                .orElseThrow(() -> new StageException("No " + kind + " provider can run here"
                        + (providers.isEmpty() ? ": none is on the class path (add a backend such as vp-backend-cpu)"
                        : ": " + providers.stream().map(p -> p.name() + " (" + p.availability().reason() + ")")
                        .collect(Collectors.joining("; ")))));
    }

    /**
     * Creates a stage from a spec, checking its options.
     *
     * @param kind the stage kind; must match {@code spec.kind()}
     * @param spec the spec
     * @param <S>  the stage interface
     * @return a new stage; the caller closes it
     * @throws StageException           when no provider fits
     * @throws IllegalArgumentException naming an unknown option
     */
    public static <S extends Stage> S create(StageKind<S> kind, StageSpec spec) {
        if (!kind.name().equals(spec.kind())) {
            throw new IllegalArgumentException("spec is for '" + spec.kind() + "', not '" + kind + "'");
        }
        return create(select(kind, spec.provider()), spec.stageOptions());
    }

    /**
     * Creates a stage with a chosen provider, checking the options against its
     * {@link StageProvider#optionKeys()}.
     *
     * @param provider the provider
     * @param options  its options
     * @param <S>      the stage interface
     * @return a new stage; the caller closes it
     * @throws IllegalArgumentException naming an unknown option
     */
    public static <S extends Stage> S create(StageProvider<S> provider, StageOptions options) {
        checkOptions(provider, options);
        return provider.create(options);
    }

    /**
     * Creates a stage from a spec whose kind is looked up by name.
     *
     * @param spec the spec
     * @return a new stage; the caller closes it
     */
    public static Stage create(StageSpec spec) {
        return create(StageKinds.named(spec.kind()), spec);
    }

    private static void checkOptions(StageProvider<?> provider, StageOptions options) {
        options.requireKnown(provider.kind() + " provider '" + provider.name() + "'", provider.optionKeys());
    }

    @SuppressWarnings("unchecked")
    private static Class<StageProvider<?>> rawProviderType() {
        return (Class<StageProvider<?>>) (Class<?>) StageProvider.class;
    }
}
