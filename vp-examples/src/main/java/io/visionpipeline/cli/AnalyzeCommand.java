package io.visionpipeline.cli;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.MediaReport;
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

    @Option(names = "--out", paramLabel = "<path>",
            description = "Write the JSON report here; with several media, a folder receiving <name>.report.json files.")
    private Path out;

    @Option(names = "--json", description = "Print the JSON report(s) on stdout instead of the summary.")
    private boolean json;

    @Option(names = "--no-progress", description = "Do not draw progress on stderr.")
    private boolean noProgress;

    @Option(names = {"-v", "--verbose"}, description = "Log debug details on stderr.")
    private boolean verbose;

    @Override
    public Integer call() {
        List<AnalysisResult> results;
        try (VisionPipeline vp = pipeline.build(!noProgress)) {
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
            writeReports(reports);
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

    private void writeReports(List<MediaReport> reports) {
        boolean oneFile = reports.size() == 1 && inputs.size() == 1 && !Files.isDirectory(out)
                && !Files.isDirectory(Path.of(inputs.get(0)));
        if (oneFile) {
            ReportJson.write(reports.get(0), out);
            System.err.println("vp: report written to " + out);
            return;
        }
        Set<String> used = new HashSet<>();
        for (MediaReport report : reports) {
            String id = report.media().mediaId();
            String base = id.substring(Math.max(id.lastIndexOf('/'), id.lastIndexOf('\\')) + 1);
            String name = base + ".report.json";
            for (int i = 2; !used.add(name); i++) {
                name = base + "." + i + ".report.json";
            }
            ReportJson.write(report, out.resolve(name));
        }
        System.err.println("vp: " + reports.size() + " reports written to " + out);
    }
}
