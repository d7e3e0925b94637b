package io.visionpipeline.redis.queue;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.SslOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.protocol.RedisProtocolException;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;

/**
 * The queue's connections to one Redis (standalone, Sentinel or Cluster): a shared connection for
 * ordinary commands (Lettuce pipelines the commands of concurrent callers on it) and, opened on
 * first use, one for blocking reads, which would otherwise hold up everything queued behind them.
 * Both reconnect by themselves; what was sent while Redis was away is sent again once it is back.
 * Every failure becomes a {@link RedisQueueException} that names the server and the problem.
 */
final class RedisLink implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);
    static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final Duration RECONNECT_MIN = Duration.ofMillis(50);
    private static final Duration RECONNECT_MAX = Duration.ofSeconds(2);

    private final RedisQueueConfig config;
    private final String server;
    private final ClientResources resources;
    private final AbstractRedisClient client;
    private final StatefulConnection<String, byte[]> connection;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final AtomicLong disconnects = new AtomicLong();
    private StatefulConnection<String, byte[]> blockingConnection;
    private RedisClusterAsyncCommands<String, byte[]> blocking;

    private RedisLink(RedisQueueConfig config, ClientResources resources, AbstractRedisClient client) {
        this.config = config;
        this.server = config.server();
        this.resources = resources;
        this.client = client;
        client.addListener(new RedisConnectionStateListener() {
            @Override
            public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
                disconnects.incrementAndGet();
            }
        });
        try {
            this.connection = connect();
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
        this.commands = commandsOf(connection);
    }

    /**
     * Connects, waiting at most the connect timeout.
     *
     * @param config where and how
     * @return the link
     * @throws RedisQueueException naming the server and the problem
     */
    static RedisLink open(RedisQueueConfig config) {
        ClientResources resources = ClientResources.builder()
                .ioThreadPoolSize(2)
                .computationThreadPoolSize(2)
                .reconnectDelay(() -> Delay.exponential(RECONNECT_MIN, RECONNECT_MAX, 2, TimeUnit.MILLISECONDS))
                .build();
        RedisURI uri = config.redisUri();
        uri.setTimeout(config.commandTimeout());
        ClientOptions options = clientOptions(config);
        AbstractRedisClient client;
        if (config.cluster()) {
            RedisClusterClient cluster = RedisClusterClient.create(resources, uri);
            cluster.setOptions(ClusterClientOptions.builder(options).build());
            client = cluster;
        } else {
            RedisClient standalone = RedisClient.create(resources, uri);
            standalone.setOptions(options);
            client = standalone;
        }
        return new RedisLink(config, resources, client);
    }

    private static ClientOptions clientOptions(RedisQueueConfig config) {
        SslOptions.Builder ssl = SslOptions.builder().handshakeTimeout(config.connectTimeout());
        if (config.trustedCertificates() != null) {
            ssl.trustManager(config.trustedCertificates().toFile());
        }
        if (config.clientCertificate() != null) {
            ssl.keyManager(config.clientCertificate().toFile(), config.clientKey().toFile(), null);
        }
        return ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.ACCEPT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(config.connectTimeout()).keepAlive(true).build())
                .sslOptions(ssl.build())
                .timeoutOptions(TimeoutOptions.enabled(config.commandTimeout()))
                .build();
    }

    /** @return the shared connection's commands (do not block on it) */
    RedisClusterAsyncCommands<String, byte[]> commands() {
        return commands;
    }

    /**
     * @return the commands of the connection for blocking reads (one reader at a time), opened on
     *         first use
     * @throws RedisQueueException when it cannot be opened
     */
    synchronized RedisClusterAsyncCommands<String, byte[]> blocking() {
        if (blocking == null) {
            blockingConnection = connect();
            blocking = commandsOf(blockingConnection);
        }
        return blocking;
    }

    /** @return how often a connection was lost so far; a change means Redis may have lost writes */
    long disconnects() {
        return disconnects.get();
    }

    /** @return the server, without credentials */
    String server() {
        return server;
    }

    /** @return the configuration */
    RedisQueueConfig config() {
        return config;
    }

    /**
     * Waits for a reply, at most the command timeout.
     *
     * @param reply a pending reply
     * @param what  the operation, for the error message (e.g. {@code "adding a job (XADD)"})
     * @param <T>   the reply type
     * @return the reply
     * @throws RedisQueueException when it failed or did not come in time
     */
    <T> T await(CompletionStage<T> reply, String what) {
        try {
            return reply.toCompletableFuture().get(config.commandTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RedisQueueException("Interrupted while " + what + " on Redis at " + server, e);
        } catch (ExecutionException e) {
            throw failure(what, e.getCause());
        } catch (TimeoutException e) {
            throw failure(what, e);
        }
    }

    /**
     * @param what  the operation
     * @param cause what went wrong
     * @return an exception naming the server, the operation and the problem
     */
    RedisQueueException failure(String what, Throwable cause) {
        if (cause instanceof RedisQueueException rqe) {
            return rqe;
        }
        String problem;
        if (cause instanceof RedisCommandTimeoutException || cause instanceof TimeoutException) {
            problem = "no reply within " + config.commandTimeout() + " (is the server down, restarting or overloaded?)";
        } else if (cause instanceof RedisCommandExecutionException) {
            problem = "the server replied: " + cause.getMessage();
        } else {
            problem = String.valueOf(cause);
        }
        return new RedisQueueException("Redis at " + server + " failed " + what + ": " + problem, cause);
    }

    private StatefulConnection<String, byte[]> connect() {
        CompletableFuture<? extends StatefulConnection<String, byte[]>> pending = client instanceof RedisClusterClient cluster
                ? cluster.refreshPartitionsAsync().toCompletableFuture().thenCompose(topology -> cluster.connectAsync(CODEC))
                : ((RedisClient) client).connectAsync(CODEC, configuredUri()).toCompletableFuture();
        Duration timeout = config.connectTimeout();
        try {
            return pending.get(timeout.toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.thenAccept(StatefulConnection::close);
            throw new RedisQueueException("Interrupted while connecting to Redis at " + server, e);
        } catch (ExecutionException e) {
            throw connectFailure(e.getCause());
        } catch (TimeoutException e) {
            pending.thenAccept(StatefulConnection::close);
            throw connectFailure(e);
        }
    }

    private RedisURI configuredUri() {
        RedisURI uri = config.redisUri();
        uri.setTimeout(config.commandTimeout());
        return uri;
    }

    private RedisQueueException connectFailure(Throwable error) {
        return new RedisQueueException("Cannot connect to Redis at " + server + ": " + connectProblem(error), error);
    }

    private String connectProblem(Throwable error) {
        boolean tls = config.redisUri().isSsl();
        String timeout = config.connectTimeout().toMillis() + " ms";
        for (Throwable t = error; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof RedisCommandExecutionException) {
                if (m.startsWith("NOAUTH")) {
                    return "the server requires a password (" + m + "); put it in the URI (redis://[user]:password@host) or set it with password(...)";
                }
                if (m.startsWith("WRONGPASS") || m.contains("invalid password") || m.contains("invalid username-password")) {
                    return "the server refused the credentials (" + m + "); check the user and password";
                }
                if (m.startsWith("NOPERM")) {
                    return "the user lacks a permission the queue needs (" + m + "); grant it stream, string, sorted-set and scripting commands on the queue's keys";
                }
                return "the server refused the connection: " + m;
            }
            if (t instanceof SslHandshakeTimeoutException) {
                return "the TLS handshake timed out after " + timeout + "; does the server speak TLS on this port? (use redis:// for a plain port)";
            }
            if (t instanceof NotSslRecordException) {
                return "the server does not speak TLS on this port (" + m + "); use redis:// for a plain port";
            }
            if (t instanceof SSLException) {
                if (m.contains("PKIX") || m.contains("certificate")) {
                    return "the server's TLS certificate is not trusted (" + m + "); trust its CA with trustedCertificates(...) (vp: --redis-ca <pem>)";
                }
                return "the TLS handshake failed (" + m + "); check the certificates and that the server speaks TLS on this port";
            }
            if (t instanceof ConnectTimeoutException || t instanceof TimeoutException || t instanceof RedisCommandTimeoutException) {
                return "no answer within " + timeout + "; check the host, the port and firewalls"
                        + (tls ? "" : ", and use rediss:// if the server expects TLS");
            }
            if (t instanceof ConnectException) {
                return "connection refused; is redis-server running on that host and port?";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host (" + m + ")";
            }
            if (t instanceof RedisProtocolException) {
                return "the server does not speak the Redis protocol (" + m + "); check the port"
                        + (tls ? "" : ", and use rediss:// if it expects TLS");
            }
            if (t instanceof ClosedChannelException || t instanceof SocketException
                    || m.contains("Connection closed") || m.contains("closed prematurely")) {
                return "the server closed the connection during the handshake (" + m + ")"
                        + (tls ? "; check that it speaks TLS on this port" : "; if it expects TLS, use rediss://");
            }
        }
        return String.valueOf(error);
    }

    private static RedisClusterAsyncCommands<String, byte[]> commandsOf(StatefulConnection<String, byte[]> connection) {
        if (connection instanceof StatefulRedisClusterConnection<String, byte[]> cluster) {
            return cluster.async();
        }
        return ((StatefulRedisConnection<String, byte[]>) connection).async();
    }

    @Override
    public synchronized void close() {
        connection.close();
        if (blockingConnection != null) {
            blockingConnection.close();
        }
        shutdown();
    }

    private void shutdown() {
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        try {
            resources.shutdown(0, 2, TimeUnit.SECONDS).get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("Redis client threads for {} still stopping: {}", server, e.toString());
        }
    }
}
