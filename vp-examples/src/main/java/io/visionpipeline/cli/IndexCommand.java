package io.visionpipeline.cli;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.AnalysisResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code vp index}: analyse media (or read saved reports) into a searchable library. */
@Command(name = "index", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Analyse media files or folders and add them to a searchable library folder.",
                "Inputs ending in .report.json (from vp analyze --out) are added without analysing again.",
                "Adding a media again replaces its old entries. Exits 1 if any input failed."})
final class IndexCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "<file|dir|report.json>", description = "Media or reports to add.")
    private List<String> inputs;

    @Mixin
    private LibraryOptions library;

    @Mixin
    private PipelineOptions pipeline;

    @Option(names = "--no-progress", description = "Do not draw progress on stderr.")
    private boolean noProgress;

    @Override
    public Integer call() {
        List<AnalysisResult> results = new ArrayList<>();
        List<String> media = inputs.stream().filter(i -> !i.endsWith(".report.json")).toList();
        if (!media.isEmpty()) {
            try (VisionPipeline vp = pipeline.build(!noProgress)) {
                results.addAll(vp.analyzeAll(media.stream().map(PipelineOptions::source).toList()));
            }
        }
        int failures = 0;
        try (MediaLibrary lib = library.open(false)) {
            for (String report : inputs.stream().filter(i -> i.endsWith(".report.json")).toList()) {
                int docs = lib.add(ReportJson.read(java.nio.file.Path.of(report)));
                System.out.println("indexed " + report + " (" + docs + " documents)");
            }
            for (AnalysisResult r : results) {
                if (r.isSuccess()) {
                    int docs = lib.add(r.report());
                    System.out.println("indexed " + r.report().media().mediaId() + " (" + docs + " documents)");
                } else {
                    failures++;
                    System.err.println("vp: " + VpCommand.reason(r.error()));
                }
            }
            System.out.println("library " + lib.directory() + ": " + lib.media().size() + " media, " + lib.size() + " documents");
        }
        return failures == 0 ? 0 : VpCommand.FAILED;
    }
}
