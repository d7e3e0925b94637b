package io.visionpipeline.redis.testing;

import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.worker.RedisWorker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A worker in a child JVM, as a deployment runs them, doing the echo work: the tests kill it
 * with SIGKILL or stop it with SIGTERM. {@link #main} is the child; the rest is the parent's
 * handle on it. The child prints {@code READY} when it takes jobs and {@code STATUS <json>}
 * when it stopped gracefully.
 */
public final class WorkerProcess implements AutoCloseable {
    private final String id;
    private final Process process;
    private final Path log;

    private WorkerProcess(String id, Process process, Path log) {
        this.id = id;
        this.process = process;
        this.log = log;
    }

    /**
     * Child entry point.
     *
     * @param args uri, prefix, worker id, concurrency, visibility timeout ms, work delay ms
     */
    public static void main(String[] args) throws InterruptedException {
        RedisQueueConfig config = RedisQueueConfig.builder(args[0]).prefix(args[1]).build();
        RedisWorker worker = RedisWorker.builder(config).id(args[2]).concurrency(Integer.parseInt(args[3]))
                .visibilityTimeout(Duration.ofMillis(Long.parseLong(args[4])))
                .heartbeatInterval(Duration.ofMillis(500))
                .executor(new EchoExecutor(Duration.ofMillis(Long.parseLong(args[5]))))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close();
            try {
                System.out.println("STATUS " + ReportJson.mapper().writeValueAsString(worker.status()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.out.flush();
            stopped.countDown();
        }));
        System.out.println("READY " + worker.id());
        System.out.flush();
        stopped.await();
    }

    /**
     * Starts a child worker and waits until it takes jobs.
     *
     * @param config       the queue (its URI and prefix are passed on)
     * @param uri          the server's URI
     * @param id           the worker id
     * @param concurrency  jobs at once
     * @param visibility   visibility timeout
     * @param workDelay    how long each echo job takes
     * @param logDir       where its output goes
     * @return the running child
     */
    public static WorkerProcess start(RedisQueueConfig config, String uri, String id, int concurrency, Duration visibility,
                                      Duration workDelay, Path logDir) throws IOException, InterruptedException {
        Path log = logDir.resolve(id + ".log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=info", WorkerProcess.class.getName(),
                uri, config.keys().prefix(), id, String.valueOf(concurrency), String.valueOf(visibility.toMillis()),
                String.valueOf(workDelay.toMillis())));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        WorkerProcess worker = new WorkerProcess(id, process, log);
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!worker.output().contains("READY " + id)) {
            if (!process.isAlive() || System.nanoTime() > until) {
                throw new IllegalStateException("worker " + id + " did not start:\n" + worker.output());
            }
            Thread.sleep(50);
        }
        return worker;
    }

    /** @return the worker's id */
    public String id() {
        return id;
    }

    /** @return its output so far */
    public String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Kills it with SIGKILL, as a crash or the OOM killer would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * Stops it with SIGTERM (graceful shutdown) and waits.
     *
     * @return the status it printed, if it stopped gracefully
     */
    public Optional<String> stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        return output().lines().filter(l -> l.startsWith("STATUS ")).map(l -> l.substring(7)).findFirst();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
