package io.visionpipeline.redis.testing;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.visionpipeline.redis.queue.RedisQueueConfig;

import java.time.Duration;
import java.util.UUID;

/**
 * The real Redis the tests use: 127.0.0.1:6379 ({@code scripts/install-prerequisites.sh} starts
 * one), each test run under its own key prefix, deleted afterwards.
 */
public final class TestRedis {
    /** The shared test server. */
    public static final String URI = System.getProperty("vp.test.redis", "redis://127.0.0.1:6379");

    private TestRedis() {
    }

    /**
     * @param uri a server
     * @return settings under a fresh prefix, with short timeouts
     */
    public static RedisQueueConfig.Builder config(String uri) {
        return RedisQueueConfig.builder(uri)
                .prefix("vptest-" + UUID.randomUUID().toString().substring(0, 8) + ":")
                .connectTimeout(Duration.ofSeconds(3))
                .commandTimeout(Duration.ofSeconds(5));
    }

    /** @return settings for the shared server under a fresh prefix */
    public static RedisQueueConfig.Builder config() {
        return config(URI);
    }

    /**
     * Deletes every key of a test's queue.
     *
     * @param config the test's settings
     * @return how many keys there were
     */
    public static long deleteKeys(RedisQueueConfig config) {
        return deleteKeys(URI, config.keys().prefix());
    }

    /**
     * @param uri    the server
     * @param prefix the keys' prefix
     * @return how many keys were deleted
     */
    public static long deleteKeys(String uri, String prefix) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            long deleted = 0;
            ScanCursor cursor = ScanCursor.INITIAL;
            do {
                KeyScanCursor<String> page = redis.scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
                if (!page.getKeys().isEmpty()) {
                    deleted += redis.del(page.getKeys().toArray(String[]::new));
                }
                cursor = page;
            } while (!cursor.isFinished());
            return deleted;
        } finally {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
        }
    }
}
