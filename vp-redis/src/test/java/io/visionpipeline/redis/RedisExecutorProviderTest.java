package io.visionpipeline.redis;

import io.visionpipeline.executor.AnalysisJob;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineExecutorProvider;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.executor.ProgressListener;
import io.visionpipeline.internal.ServiceLookup;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.queue.RedisQueueConfig;
import io.visionpipeline.redis.testing.EchoExecutor;
import io.visionpipeline.redis.testing.TestRedis;
import io.visionpipeline.redis.worker.RedisWorker;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Timeout(60)
class RedisExecutorProviderTest {

    @Test
    void isFoundByNameWithALowerPriorityThanTheLocalExecutor() {
        List<PipelineExecutorProvider> providers = ServiceLookup.load(PipelineExecutorProvider.class);
        PipelineExecutorProvider redis = providers.stream().filter(p -> p.name().equals("redis")).findFirst().orElseThrow();
        PipelineExecutorProvider local = providers.stream().filter(p -> p.name().equals("local")).findFirst().orElseThrow();
        assertThat(redis.priority()).isLessThan(local.priority());
    }

    @Test
    void createsAnExecutorFromOptionsThatRunsJobsOnTheNamedQueue() throws Exception {
        RedisQueueConfig config = TestRedis.config().queue("from-options").build();
        try (RedisWorker ignored = RedisWorker.builder(config).executor(EchoExecutor.instant()).start();
             PipelineExecutor executor = new RedisExecutorProvider().create(Map.of("uri", TestRedis.URI,
                     "prefix", config.keys().prefix(), "queue", "from-options"))) {
            PipelineSpec spec = new PipelineSpec(FrameSampling.DEFAULT, List.of(StageSpec.of("faces")));
            assertThat(executor.submit(new AnalysisJob("p1", MediaSource.of(Path.of("/media/p1.png")), spec, null), ProgressListener.NONE)
                    .get(30, TimeUnit.SECONDS).media().mediaId()).isEqualTo("/media/p1.png");
        } finally {
            TestRedis.deleteKeys(config);
        }
    }

    @Test
    void anUnknownOptionOrAMissingUriFailsLoudly() {
        assertThatThrownBy(() -> new RedisExecutorProvider().create(Map.of("uri", TestRedis.URI, "qeue", "typo")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[qeue]");
        if (System.getenv(RedisExecutorProvider.URI_ENV) == null) {
            assertThat(new RedisExecutorProvider().availability().reason()).contains(RedisExecutorProvider.URI_ENV);
            assertThatThrownBy(() -> new RedisExecutorProvider().create(Map.of())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("needs a URI");
        }
    }
}
