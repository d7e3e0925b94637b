package io.visionpipeline.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The one place VisionPipeline uses {@link ServiceLoader}: it looks in the thread's context class
 * loader first, then in the SDK's own, and drops duplicates. A provider that fails to load (a
 * missing optional dependency) is logged and skipped rather than breaking discovery.
 * Internal: not part of the public API.
 */
public final class ServiceLookup {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceLookup.class);

    private ServiceLookup() {
    }

    /**
     * @param type the service interface
     * @param <T>  service type
     * @return one instance of each implementation found, context class loader first
     */
    public static <T> List<T> load(Class<T> type) {
        Set<String> seen = new LinkedHashSet<>();
        List<T> found = new ArrayList<>();
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        ClassLoader own = ServiceLookup.class.getClassLoader();
        for (ClassLoader loader : context == null || context == own ? List.of(own) : List.of(context, own)) {
            var iterator = ServiceLoader.load(type, loader).iterator();
            while (true) {
                try {
                    if (!iterator.hasNext()) {
                        break;
                    }
                    T service = iterator.next();
                    if (seen.add(service.getClass().getName())) {
                        found.add(service);
                    }
                } catch (ServiceConfigurationError | LinkageError e) {
                    LOG.warn("Skipping a {} implementation that cannot be loaded: {}", type.getSimpleName(), e.toString());
                }
            }
        }
        return found;
    }
}
