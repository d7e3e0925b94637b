package io.visionpipeline.core.engine;

import com.google.auto.service.AutoService;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.executor.PipelineExecutorProvider;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.util.Map;

/**
 * Makes {@link LocalExecutor} the default executor. Options: {@code threads},
 * {@code maxConcurrentMedia}, {@code maxFramesInFlight}, {@code decoderThreads}.
 */
@AutoService(PipelineExecutorProvider.class)
public final class LocalExecutorProvider implements PipelineExecutorProvider {

    @Override
    public String name() {
        return "local";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return Availability.AVAILABLE;
    }

    @Override
    public PipelineExecutor create(Map<String, String> options) {
        StageOptions o = StageOptions.of(options);
        return LocalExecutor.builder()
                .threads(o.getInt("threads", LocalExecutor.DEFAULT_THREADS))
                .maxConcurrentMedia(o.getInt("maxConcurrentMedia", LocalExecutor.DEFAULT_MAX_CONCURRENT_MEDIA))
                .maxFramesInFlight(o.getInt("maxFramesInFlight", LocalExecutor.DEFAULT_MAX_FRAMES_IN_FLIGHT))
                .decoderThreads(o.getInt("decoderThreads", 0))
                .build();
    }
}
