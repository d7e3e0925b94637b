package io.visionpipeline.redis.queue;

import io.lettuce.core.RedisURI;
import io.visionpipeline.redis.internal.Arguments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where a job queue lives and how long it keeps things: the Redis URI (with AUTH and TLS), the
 * timeouts, the key names and the retention of results and inline media. Submitters
 * ({@code RedisExecutor}) and workers ({@code RedisWorker}) of one queue use the same settings.
 *
 * <pre>{@code
 * RedisQueueConfig config = RedisQueueConfig.builder("rediss://worker@redis.internal:6380")
 *         .password(System.getenv("VP_REDIS_PASSWORD"))
 *         .trustedCertificates(Path.of("/etc/vp/redis-ca.pem"))
 *         .queue("uploads")
 *         .resultTtl(Duration.ofHours(6))
 *         .build();
 * }</pre>
 *
 * URIs follow Lettuce: {@code redis://[[user]:password@]host[:port][/database]}, {@code rediss://}
 * for TLS (add {@code ?verifyPeer=CA} to skip the host name check), {@code redis-sentinel://} for
 * Sentinel. The password never appears in {@link #toString()} or in error messages.
 *
 * @since 0.1
 */
public final class RedisQueueConfig {
    /** Default key prefix. */
    public static final String DEFAULT_PREFIX = "vp:";
    /** Default queue name. */
    public static final String DEFAULT_QUEUE = "jobs";
    /** Default consumer group of the workers. */
    public static final String DEFAULT_GROUP = "workers";
    /** Default time to open a connection, TLS handshake included. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default time to wait for a command's reply. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(10);
    /** Default time a finished job's outcome is kept. */
    public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(24);
    /** Default time a queued job's inline media is kept. */
    public static final Duration DEFAULT_MEDIA_TTL = Duration.ofHours(24);
    /** Default bound on the dead-letter stream's length (older entries are trimmed). */
    public static final long DEFAULT_DEAD_LETTER_MAX_LENGTH = 100_000;

    private final RedisURI uri;
    private final String username;
    private final boolean cluster;
    private final Path trustedCertificates;
    private final Path clientCertificate;
    private final Path clientKey;
    private final Duration connectTimeout;
    private final Duration commandTimeout;
    private final QueueKeys keys;
    private final String group;
    private final Duration resultTtl;
    private final Duration mediaTtl;
    private final long deadLetterMaxLength;

    private RedisQueueConfig(Builder b) {
        this.uri = b.uri;
        this.username = b.username;
        this.cluster = b.cluster;
        this.trustedCertificates = b.trustedCertificates;
        this.clientCertificate = b.clientCertificate;
        this.clientKey = b.clientKey;
        this.connectTimeout = b.connectTimeout;
        this.commandTimeout = b.commandTimeout;
        this.keys = new QueueKeys(b.prefix, b.queue);
        this.group = b.group;
        this.resultTtl = b.resultTtl;
        this.mediaTtl = b.mediaTtl;
        this.deadLetterMaxLength = b.deadLetterMaxLength;
    }

    /**
     * @param uri e.g. {@code redis://localhost:6379}
     * @return the defaults for that server
     * @throws IllegalArgumentException when the URI is not a Redis URI
     */
    public static RedisQueueConfig create(String uri) {
        return builder(uri).build();
    }

    /**
     * @param uri e.g. {@code redis://user:password@host:6379/0} or {@code rediss://host:6380}
     * @return a builder with the defaults
     * @throws IllegalArgumentException when the URI is not a Redis URI
     */
    public static Builder builder(String uri) {
        return new Builder(uri);
    }

    /** @return a builder holding these settings, to change some */
    public Builder toBuilder() {
        Builder b = new Builder(RedisURI.builder(uri).build(), username);
        b.cluster = cluster;
        b.trustedCertificates = trustedCertificates;
        b.clientCertificate = clientCertificate;
        b.clientKey = clientKey;
        b.connectTimeout = connectTimeout;
        b.commandTimeout = commandTimeout;
        b.prefix = keys.prefix();
        b.queue = keys.queue();
        b.group = group;
        b.resultTtl = resultTtl;
        b.mediaTtl = mediaTtl;
        b.deadLetterMaxLength = deadLetterMaxLength;
        return b;
    }

    /** @return the server's URI with credentials, for the client (never log it: use {@link #describe()}) */
    RedisURI redisUri() {
        return RedisURI.builder(uri).build();
    }

    /** @return whether the URI names a seed node of a Redis Cluster */
    public boolean cluster() {
        return cluster;
    }

    /** @return PEM file of certificates trusted for TLS, or null for the JVM's trust store */
    public Path trustedCertificates() {
        return trustedCertificates;
    }

    /** @return PEM client certificate for mutual TLS, or null */
    public Path clientCertificate() {
        return clientCertificate;
    }

    /** @return PEM (PKCS#8) private key of the client certificate, or null */
    public Path clientKey() {
        return clientKey;
    }

    /** @return time to open a connection, TLS handshake and AUTH included */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return time to wait for a command's reply */
    public Duration commandTimeout() {
        return commandTimeout;
    }

    /** @return the queue's key names */
    public QueueKeys keys() {
        return keys;
    }

    /** @return the workers' consumer group */
    public String group() {
        return group;
    }

    /** @return how long a finished job's outcome is kept */
    public Duration resultTtl() {
        return resultTtl;
    }

    /** @return how long a queued job's inline media is kept */
    public Duration mediaTtl() {
        return mediaTtl;
    }

    /** @return the dead-letter stream's approximate maximum length */
    public long deadLetterMaxLength() {
        return deadLetterMaxLength;
    }

    /** @return the server and queue, without credentials, e.g. {@code redis://***@host:6379 queue vp:{jobs}} */
    public String describe() {
        return server() + " queue " + keys.prefix() + "{" + keys.queue() + "}";
    }

    /** @return scheme, user, host and port: the server without the password */
    String server() {
        return describe(uri, username);
    }

    private static String describe(RedisURI uri, String username) {
        if (uri.getSocket() != null) {
            return "redis-socket://" + uri.getSocket();
        }
        if (uri.getHost() == null && !uri.getSentinels().isEmpty()) {
            RedisURI sentinel = uri.getSentinels().get(0);
            return "redis-sentinel://" + sentinel.getHost() + ":" + sentinel.getPort() + " master " + uri.getSentinelMasterId();
        }
        String scheme = uri.isSsl() ? "rediss://" : "redis://";
        String user = username == null ? "" : username + "@";
        String db = uri.getDatabase() == 0 ? "" : "/" + uri.getDatabase();
        return scheme + user + uri.getHost() + ":" + uri.getPort() + db;
    }

    @Override
    public String toString() {
        return "RedisQueueConfig[" + describe() + (cluster ? ", cluster" : "") + ", connectTimeout=" + connectTimeout
                + ", commandTimeout=" + commandTimeout + ", resultTtl=" + resultTtl + "]";
    }

    /**
     * Configures a {@link RedisQueueConfig}; each method is named after what it sets and checks its
     * argument at once.
     */
    public static final class Builder {
        private final RedisURI uri;
        private final String username;
        private boolean cluster;
        private Path trustedCertificates;
        private Path clientCertificate;
        private Path clientKey;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private String prefix = DEFAULT_PREFIX;
        private String queue = DEFAULT_QUEUE;
        private String group = DEFAULT_GROUP;
        private Duration resultTtl = DEFAULT_RESULT_TTL;
        private Duration mediaTtl = DEFAULT_MEDIA_TTL;
        private long deadLetterMaxLength = DEFAULT_DEAD_LETTER_MAX_LENGTH;

        private Builder(String uri) {
            this(parse(uri), user(uri));
        }

        private Builder(RedisURI uri, String username) {
            this.uri = uri;
            this.username = username;
        }

        /** The user of {@code scheme://user:password@host}; none for {@code :password@} or {@code password@}. */
        private static String user(String text) {
            int start = text.indexOf("://");
            int at = text.lastIndexOf('@');
            if (start < 0 || at < start) {
                return null;
            }
            String info = text.substring(start + 3, at);
            int colon = info.indexOf(':');
            return colon > 0 ? info.substring(0, colon) : null;
        }

        private static RedisURI parse(String text) {
            Objects.requireNonNull(text, "uri");
            try {
                return RedisURI.create(text);
            } catch (RuntimeException e) {
                String shown = text.replaceAll("//[^@/]*@", "//***@");
                throw new IllegalArgumentException("Not a Redis URI: '" + shown + "'; expected redis://[[user]:password@]host[:port][/db] or rediss://… for TLS", e);
            }
        }

        /**
         * Sets the password (the URI's user, if any, stays), keeping it out of the URI and so out
         * of process listings and logs.
         *
         * @param password the password; null or empty leaves the URI's
         * @return this builder
         */
        public Builder password(String password) {
            if (password != null && !password.isEmpty()) {
                uri.setAuthentication(username, password.toCharArray());
            }
            return this;
        }

        /**
         * Connects to a Redis Cluster: the URI names one of its nodes, the others are discovered.
         *
         * @return this builder
         */
        public Builder cluster() {
            this.cluster = true;
            return this;
        }

        /**
         * @param pemFile certificates (PEM) to trust for {@code rediss://}, e.g. the CA that signed
         *                the server's certificate; default: the JVM's trust store
         * @return this builder
         * @throws IllegalArgumentException when the file does not exist
         */
        public Builder trustedCertificates(Path pemFile) {
            this.trustedCertificates = existing(pemFile, "trusted certificates");
            return this;
        }

        /**
         * @param certificatePem the client's certificate chain (PEM), for servers that require
         *                       client certificates ({@code tls-auth-clients yes})
         * @param keyPem         its private key (PKCS#8 PEM)
         * @return this builder
         * @throws IllegalArgumentException when a file does not exist
         */
        public Builder clientCertificate(Path certificatePem, Path keyPem) {
            this.clientCertificate = existing(certificatePem, "client certificate");
            this.clientKey = existing(keyPem, "client key");
            return this;
        }

        /**
         * @param timeout time to open a connection, TLS handshake and AUTH included (default 5 s)
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Arguments.positive("connectTimeout", timeout);
            return this;
        }

        /**
         * @param timeout time to wait for a command's reply (default 10 s); blocking reads wait at
         *                most half of it
         * @return this builder
         */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = Arguments.positive("commandTimeout", timeout);
            return this;
        }

        /**
         * @param prefix prefix of every key (default {@code vp:}); may be empty, no braces
         * @return this builder
         */
        public Builder prefix(String prefix) {
            new QueueKeys(prefix, DEFAULT_QUEUE);
            this.prefix = prefix;
            return this;
        }

        /**
         * @param queue the queue's name (default {@code jobs}): letters, digits and {@code . _ : -}
         * @return this builder
         */
        public Builder queue(String queue) {
            new QueueKeys(DEFAULT_PREFIX, queue);
            this.queue = queue;
            return this;
        }

        /**
         * @param group the workers' consumer group (default {@code workers})
         * @return this builder
         */
        public Builder group(String group) {
            Objects.requireNonNull(group, "group");
            if (group.isBlank()) {
                throw new IllegalArgumentException("group must not be blank");
            }
            this.group = group;
            return this;
        }

        /**
         * @param ttl how long a finished job's outcome is kept (default 24 h)
         * @return this builder
         */
        public Builder resultTtl(Duration ttl) {
            this.resultTtl = Arguments.positive("resultTtl", ttl);
            return this;
        }

        /**
         * @param ttl how long a queued job's inline media is kept (default 24 h); a job still
         *            queued after that fails with a clear error
         * @return this builder
         */
        public Builder mediaTtl(Duration ttl) {
            this.mediaTtl = Arguments.positive("mediaTtl", ttl);
            return this;
        }

        /**
         * @param maxLength approximate bound on the dead-letter stream (default 100,000)
         * @return this builder
         */
        public Builder deadLetterMaxLength(long maxLength) {
            if (maxLength < 1) {
                throw new IllegalArgumentException("deadLetterMaxLength must be >= 1: " + maxLength);
            }
            this.deadLetterMaxLength = maxLength;
            return this;
        }

        /**
         * @return the settings
         * @throws IllegalStateException when TLS files are given for a {@code redis://} URI
         */
        public RedisQueueConfig build() {
            if (!uri.isSsl() && (trustedCertificates != null || clientCertificate != null)) {
                throw new IllegalStateException("TLS certificates are set but the URI " + describe(uri, username)
                        + " is not a TLS URI: use rediss://");
            }
            return new RedisQueueConfig(this);
        }

        private static Path existing(Path file, String what) {
            Objects.requireNonNull(file, what);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("The " + what + " file " + file + " does not exist");
            }
            return file;
        }

    }
}
