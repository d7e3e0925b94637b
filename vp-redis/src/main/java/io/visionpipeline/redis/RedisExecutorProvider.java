package io.visionpipeline.redis;

import com.google.auto.service.AutoService;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineExecutorProvider;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes the Redis executor discoverable by name ({@code redis}). Its priority is below the local
 * executor's, so a pipeline built without an executor stays local; a deployment picks this one by
 * name. Options: {@code uri} (else the system property {@value #URI_PROPERTY} or the environment
 * variable {@value #URI_ENV}), {@code prefix}, {@code queue}, {@code inlineLimit} (bytes),
 * {@code mediaTransport} ({@code reference} or {@code inline_files}); the password may come from
 * {@value #PASSWORD_ENV} instead of the URI.
 *
 * <pre>{@code
 * PipelineExecutor redis = new RedisExecutorProvider().create(Map.of("uri", "redis://redis.internal:6379", "queue", "uploads"));
 * }</pre>
 *
 * @since 0.1
 */
@AutoService(PipelineExecutorProvider.class)
public final class RedisExecutorProvider implements PipelineExecutorProvider {
    /** System property holding the Redis URI. */
    public static final String URI_PROPERTY = "vp.redis.uri";
    /** Environment variable holding the Redis URI. */
    public static final String URI_ENV = "VP_REDIS_URI";
    /** Environment variable holding the Redis password, kept out of URIs and process listings. */
    public static final String PASSWORD_ENV = "VP_REDIS_PASSWORD";
    private static final Set<String> OPTIONS = Set.of("uri", "prefix", "queue", "inlineLimit", "mediaTransport");

    @Override
    public String name() {
        return "redis";
    }

    /** @return 10, below the local executor's 100 */
    @Override
    public int priority() {
        return 10;
    }

    @Override
    public Availability availability() {
        return configuredUri() != null ? Availability.AVAILABLE
                : Availability.unavailable("no Redis URI: pass the uri option, or set -D" + URI_PROPERTY + "=redis://host:6379 or " + URI_ENV);
    }

    /**
     * @param options see the class comment
     * @return a connected {@link RedisExecutor}
     * @throws IllegalArgumentException naming an unknown option or a missing URI
     * @throws io.visionpipeline.redis.queue.RedisQueueException when Redis cannot be reached
     */
    @Override
    public PipelineExecutor create(Map<String, String> options) {
        Set<String> unknown = new TreeSet<>(options.keySet());
        unknown.removeAll(OPTIONS);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s) " + unknown + " for the redis executor; known: " + new TreeSet<>(OPTIONS));
        }
        StageOptions o = StageOptions.of(options);
        String uri = o.get("uri", configuredUri());
        if (uri == null) {
            throw new IllegalArgumentException("The redis executor needs a URI: " + availability().reason());
        }
        RedisQueueConfig.Builder config = RedisQueueConfig.builder(uri)
                .prefix(o.get("prefix", RedisQueueConfig.DEFAULT_PREFIX))
                .queue(o.get("queue", RedisQueueConfig.DEFAULT_QUEUE))
                .password(System.getenv(PASSWORD_ENV));
        return RedisExecutor.builder(config.build())
                .inlineLimit(Long.parseLong(o.get("inlineLimit", String.valueOf(RedisExecutor.DEFAULT_INLINE_LIMIT))))
                .mediaTransport(MediaTransport.valueOf(o.get("mediaTransport", MediaTransport.REFERENCE.name()).toUpperCase(Locale.ROOT)))
                .build();
    }

    private static String configuredUri() {
        String uri = System.getProperty(URI_PROPERTY);
        return uri != null && !uri.isBlank() ? uri : System.getenv(URI_ENV);
    }
}
