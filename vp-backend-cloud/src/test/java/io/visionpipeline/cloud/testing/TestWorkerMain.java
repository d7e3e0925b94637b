package io.visionpipeline.cloud.testing;

import io.visionpipeline.redis.RedisExecutorProvider;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.worker.RedisWorker;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code vp worker} does on a rented instance, in a child JVM of the test: reads the same
 * options ({@code --redis --redis-prefix --redis-queue --id --concurrency --visibility-timeout
 * --allow-downloads}) and the password from {@code VP_REDIS_PASSWORD}, and runs a
 * {@link RedisWorker} whose jobs are echo work taking {@code VP_TEST_JOB_MILLIS} each. (The real
 * command lives in vp-examples, which depends on this module.)
 */
public final class TestWorkerMain {
    private TestWorkerMain() {
    }

    /**
     * @param args {@code worker} and its options
     */
    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || !args[0].equals("worker")) {
            throw new IllegalArgumentException("only 'vp worker' runs on an instance");
        }
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--allow-downloads")) {
                continue;
            }
            options.put(args[i], args[++i]);
        }
        RedisQueueConfig config = RedisQueueConfig.builder(options.get("--redis"))
                .prefix(options.get("--redis-prefix")).queue(options.get("--redis-queue"))
                .password(System.getenv(RedisExecutorProvider.PASSWORD_ENV)).build();
        String visibility = options.getOrDefault("--visibility-timeout", "30s");
        RedisWorker worker = RedisWorker.builder(config).id(options.get("--id"))
                .concurrency(Integer.parseInt(options.getOrDefault("--concurrency", "2")))
                .visibilityTimeout(visibility.endsWith("ms") ? Duration.ofMillis(Long.parseLong(visibility.replace("ms", "")))
                        : Duration.ofSeconds(Long.parseLong(visibility.replace("s", ""))))
                .heartbeatInterval(Duration.ofMillis(500))
                .executor(new EchoExecutor(Duration.ofMillis(Long.parseLong(System.getenv().getOrDefault("VP_TEST_JOB_MILLIS", "0")))))
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            worker.close(Duration.ofSeconds(2));
            stopped.countDown();
        }));
        System.out.println("READY " + worker.id());
        System.out.flush();
        stopped.await();
    }
}
