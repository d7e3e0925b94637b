package io.visionpipeline.examples;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.cloud.Autoscaler;
import io.visionpipeline.cloud.ScalingPolicy;
import io.visionpipeline.cloud.VastAiExecutor;
import io.visionpipeline.cloud.WorkerTemplate;
import io.visionpipeline.cloud.budget.Budget;
import io.visionpipeline.cloud.vastai.OfferQuery;
import io.visionpipeline.cloud.vastai.VastAiClient;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.report.AnalysisResult;

import java.nio.file.Path;
import java.util.List;

/**
 * Burst to Vast.ai: when the Redis queue grows, rent GPU machines by the hour (under a hard budget)
 * that run the same worker image; when the cloud cannot help (no key, no offers, budget spent,
 * machines that do not boot), the jobs run on a local worker and the cost report says why. Every
 * rented machine is destroyed when the executor closes. Needs {@code VAST_API_KEY}, a Redis the
 * rented machines can reach, and the worker image (docker/worker/Dockerfile) in a registry.
 *
 * <pre>
 * VAST_API_KEY=... ./vp example burst-to-vast-ai redis://127.0.0.1:6379 rediss://vps.example.com:6380 \
 *     ghcr.io/acme/vp-worker:0.1.0 /srv/uploads
 * </pre>
 */
public final class BurstToVastAi {
    private BurstToVastAi() {
    }

    /**
     * @param args the Redis URI here, the Redis URI as the rented machines see it, the worker image, and a media folder
     */
    public static void main(String[] args) {
        RedisQueueConfig queue = RedisQueueConfig.create(args[0]);
        Autoscaler.Builder fleet = Autoscaler.builder(queue, VastAiClient.create())          // key from VAST_API_KEY
                .worker(WorkerTemplate.builder(args[2]).redisUri(args[1])
                        .redisPassword(System.getenv("VP_REDIS_PASSWORD")).build())
                .offers(OfferQuery.builder().gpuNames("RTX 3090", "RTX 4090").maxDphTotal(0.35).build())
                .budget(Budget.of(1.00, 5.00))                                                // $1/h at most, $5 in all
                .policy(ScalingPolicy.builder().maxInstances(2).build());
        try (VastAiExecutor cloud = VastAiExecutor.builder(fleet).build();
             VisionPipeline vp = VisionPipeline.builder().faces().pose().executor(cloud).build()) {
            for (AnalysisResult result : vp.analyzeAll(List.of(MediaSource.of(Path.of(args[3]))))) {
                System.out.println(result.isSuccess() ? result.report().media().mediaId() + ": " + result.report().totalFaces()
                        + " face(s)" + result.report().warnings() : result.source().id() + " failed: " + result.error().getMessage());
            }
            System.out.println(cloud.costReport());
        }
    }
}
