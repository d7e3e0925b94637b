package io.visionpipeline.examples;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.RedisExecutor;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.report.AnalysisResult;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Distribute over Redis: jobs go to a Redis stream, workers anywhere take them and send the reports
 * back. This program starts one worker in-process so it runs on its own; on other machines run
 * {@code ./vp worker --redis redis://host:6379} (as many as you like). The pipeline code is the same
 * as for local analysis; only the executor changes.
 *
 * <pre>
 * redis-server --daemonize yes
 * ./vp example distribute-over-redis redis://127.0.0.1:6379 /usr/share/doc/opencv-doc/examples/data/messi5.jpg
 * </pre>
 */
public final class DistributeOverRedis {
    private DistributeOverRedis() {
    }

    /**
     * @param args the Redis URI, then media files (paths every worker can read)
     */
    public static void main(String[] args) {
        String redis = args[0];
        List<MediaSource> media = Arrays.stream(args).skip(1).map(a -> MediaSource.of(Path.of(a).toAbsolutePath())).toList();
        try (RedisWorker worker = RedisWorker.builder(RedisQueueConfig.create(redis)).concurrency(2).start();
             VisionPipeline vp = VisionPipeline.builder()
                     .faces()
                     .pose()
                     .executor(RedisExecutor.create(redis))
                     .build()) {
            for (AnalysisResult result : vp.analyzeAll(media)) {
                System.out.println(result.isSuccess()
                        ? result.report().media().mediaId() + ": " + result.report().totalFaces() + " face(s), analysed by a Redis worker"
                        : result.source().id() + " failed: " + result.error().getMessage());
            }
        }
    }
}
