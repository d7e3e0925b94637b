package io.visionpipeline.cli;

import io.visionpipeline.redis.RedisExecutorProvider;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The Redis job queue options shared by {@code vp worker} and {@code vp analyze --redis}. The
 * password may come from {@code VP_REDIS_PASSWORD} instead of the URI, so it stays out of process
 * listings.
 */
final class RedisOptions {

    @Option(names = "--redis", paramLabel = "<uri>",
            description = "Redis job queue: redis://[[user]:password@]host[:port][/db], rediss://… for TLS.")
    String uri;

    @Option(names = "--redis-queue", defaultValue = RedisQueueConfig.DEFAULT_QUEUE, paramLabel = "<name>",
            description = "Queue name (default: ${DEFAULT-VALUE}).")
    String queue;

    @Option(names = "--redis-prefix", defaultValue = RedisQueueConfig.DEFAULT_PREFIX, paramLabel = "<prefix>",
            description = "Prefix of the queue's keys (default: ${DEFAULT-VALUE}).")
    String prefix;

    @Option(names = "--redis-ca", paramLabel = "<pem>", description = "CA certificate(s) to trust for rediss:// (default: the JVM's).")
    Path ca;

    @Option(names = "--redis-cert", paramLabel = "<pem>", description = "Client certificate for servers that require one (with --redis-key).")
    Path certificate;

    @Option(names = "--redis-key", paramLabel = "<pem>", description = "Private key (PKCS#8 PEM) of --redis-cert.")
    Path key;

    /**
     * @param uri the URI to use
     * @return the queue's settings
     * @throws IllegalArgumentException when the URI or a certificate option is wrong
     */
    RedisQueueConfig config(String uri) {
        RedisQueueConfig.Builder config = RedisQueueConfig.builder(uri).queue(queue).prefix(prefix)
                .password(System.getenv(RedisExecutorProvider.PASSWORD_ENV));
        if (ca != null) {
            config.trustedCertificates(ca);
        }
        if ((certificate == null) != (key == null)) {
            throw new IllegalArgumentException("--redis-cert and --redis-key go together");
        }
        if (certificate != null) {
            config.clientCertificate(certificate, key);
        }
        return config.build();
    }
}
