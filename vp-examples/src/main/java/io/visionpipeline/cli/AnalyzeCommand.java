package io.visionpipeline.cli;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.report.HtmlReport;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.executor.PipelineExecutor;
import io.visionpipeline.redis.RedisExecutor;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.speech.SubtitleFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code vp analyze}: analyse files, folders or URIs and print or write their reports. */
@Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse media files, folders (every media file inside) or URIs.",
                "Prints a summary per media on stdout, progress on stderr; exits 1 if any input failed."})
final class AnalyzeCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file|dir|uri>", description = "Media to analyse.")
    private List<String> inputs;

    @Mixin
    private PipelineOptions pipeline;

    @Mixin
    private RedisOptions redis;

    @Option(names = "--out", paramLabel = "<path>",
            description = "Write the JSON report here; with several media, a folder receiving <name>.report.json files.")
    private Path out;

    @Option(names = "--srt", paramLabel = "<path>",
            description = "Write the transcript as SubRip subtitles; with several media, a folder receiving <name>.srt files.")
    private Path srt;

    @Option(names = "--vtt", paramLabel = "<path>",
            description = "Write the transcript as WebVTT subtitles; with several media, a folder receiving <name>.vtt files.")
    private Path vtt;

    @Option(names = "--html", paramLabel = "<path>",
            description = "Write a self-contained HTML page (thumbnails with faces, poses and text drawn on them, transcript, "
                    + "flagged ranges); with several media, a folder receiving <name>.html files.")
    private Path html;

    @Option(names = "--json", description = "Print the JSON report(s) on stdout instead of the summary.")
    private boolean json;

    @Option(names = "--no-progress", description = "Do not draw progress on stderr.")
    private boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Log debug details on stderr.")
    private boolean verbose;

    @Override
    public Integer call() {
        List<AnalysisResult> results;
        PipelineExecutor executor = redis.uri == null ? LocalExecutor.withThreads(pipeline.threads)
                : RedisExecutor.builder(redis.config(redis.uri)).build();
        try (VisionPipeline vp = pipeline.build(!noProgress, executor)) {
            results = vp.analyzeAll(inputs.stream().map(PipelineOptions::source).toList());
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
        if (html != null && !reports.isEmpty()) {
            write(reports, html, "html", "HTML report", (r, f) -> HtmlReport.builder(r).build().write(f));
        }
        if (failures > 0 && results.size() > 1) {
            System.err.println("vp: " + failures + " of " + results.size() + " media failed");
        }
        return failures == 0 ? 0 : VpCommand.FAILED;
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
