package io.visionpipeline.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server child process of the test on its own port (Debian {@code redis-server}): for
 * restarts, persistence, AUTH and TLS tests that must not disturb the shared server.
 */
public final class RedisServer implements AutoCloseable {
    private final int port;
    private final Path dir;
    private final List<String> args;
    private Process process;

    private RedisServer(int port, Path dir, List<String> args) {
        this.port = port;
        this.dir = dir;
        this.args = List.copyOf(args);
    }

    /**
     * Starts a server; {@code port} placeholders in the arguments are not needed: the plain port
     * is set here unless the arguments set {@code --port} themselves.
     *
     * @param dir  its working directory (AOF files, logs)
     * @param args extra redis-server arguments, e.g. {@code --appendonly yes}
     * @return the running server
     */
    public static RedisServer start(Path dir, String... args) {
        RedisServer server = new RedisServer(freePort(), dir, List.of(args));
        server.start();
        return server;
    }

    /**
     * Starts a server listening on TLS only.
     *
     * @param dir  working directory
     * @param tls  certificates
     * @param args extra arguments
     * @return the running server; {@link #port()} is its TLS port
     */
    public static RedisServer startTls(Path dir, TestCertificates tls, String... args) {
        List<String> all = new ArrayList<>(List.of("--port", "0", "--tls-cert-file", tls.serverCertificate().toString(),
                "--tls-key-file", tls.serverKey().toString(), "--tls-ca-cert-file", tls.ca().toString(), "--tls-auth-clients", "no"));
        all.addAll(List.of(args));
        int port = freePort();
        all.add("--tls-port");
        all.add(String.valueOf(port));
        RedisServer server = new RedisServer(port, dir, all);
        server.start();
        return server;
    }

    /** @return the port clients connect to */
    public int port() {
        return port;
    }

    /** @return {@code redis://127.0.0.1:<port>} */
    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    /** Starts the process (again) with the same port, directory and arguments. */
    public synchronized void start() {
        List<String> command = new ArrayList<>(List.of("redis-server", "--bind", "127.0.0.1", "--save", "", "--dir", dir.toString(),
                "--logfile", dir.resolve("redis.log").toString()));
        if (!args.contains("--port")) {
            command.add("--port");
            command.add(String.valueOf(port));
        }
        if (!args.contains("--appendonly")) {
            command.addAll(List.of("--appendonly", "no"));
        }
        command.addAll(args);
        try {
            Files.createDirectories(dir);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("redis.out").toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start redis-server (Debian package redis-server): " + e.getMessage(), e);
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < until) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!process.isAlive()) {
                    break;
                }
                sleep(20);
            }
        }
        throw new IllegalStateException("redis-server did not start on port " + port + "; see " + dir.resolve("redis.log"));
    }

    /** Kills the process at once (SIGKILL), as a crash would. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
