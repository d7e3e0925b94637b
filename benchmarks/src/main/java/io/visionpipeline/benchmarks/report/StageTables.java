package io.visionpipeline.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The per-stage tables: {@code StageOverheadBenchmark}'s frames per second beside bare ONNX
 * Runtime, and the VPS projection derived from its 1-thread and all-cores scores. Each benchmark
 * method measured the stage and bare ONNX Runtime in turns and counted each side's time and frames
 * ({@code StageOverheadBenchmark.Sides}); the figures here come from those counts.
 */
final class StageTables {
    private static final String BENCH = "StageOverheadBenchmark";
    /** The resolution the VPS projection uses. */
    static final String VPS_RESOLUTION = "1280x720";

    private final JmhResults jmh;

    StageTables(JmhResults jmh) {
        this.jmh = jmh;
    }

    /** @return frames per second of the stage and of bare ONNX Runtime, with their ratio, per batch and thread count */
    MarkdownTable overhead() {
        MarkdownTable table = new MarkdownTable("stage", "resolution", "batch 1, 1 thread: fps (overhead)",
                "batch 8, 1 thread: fps (overhead)", "batch 1, all cores: fps (overhead)");
        for (String stage : jmh.paramValues(BENCH, "stage")) {
            for (String resolution : resolutions()) {
                Map<String, String> p = Map.of("stage", stage, "resolution", resolution);
                table.row(stage, resolution.replace('x', '×'), cell("batch1", p), cell("batch8", p), cell("batch1AllCores", p));
            }
        }
        return table;
    }

    /**
     * @return the worst overhead (stage time / bare time) over every stage, resolution, batch and
     *         thread count measured, NaN when there are no results
     */
    double worstOverhead() {
        double worst = Double.NaN;
        for (String stage : jmh.paramValues(BENCH, "stage")) {
            for (String resolution : resolutions()) {
                Map<String, String> p = Map.of("stage", stage, "resolution", resolution);
                for (String method : List.of("batch1", "batch8")) {
                    double r = overhead(method, p);
                    worst = Double.isNaN(worst) || r > worst ? r : worst;
                }
            }
        }
        return worst;
    }

    /** @return the resolutions measured, smallest first (the result files come in name order) */
    private List<String> resolutions() {
        return jmh.paramValues(BENCH, "resolution").stream()
                .sorted(Comparator.comparingInt(r -> Integer.parseInt(r.substring(0, r.indexOf('x'))))).toList();
    }

    private String cell(String method, Map<String, String> params) {
        return Fmt.num(fps(method, params)) + " (" + Fmt.ratio(overhead(method, params)) + ")";
    }

    /** @return the stage's time per frame over bare ONNX Runtime's, in one benchmark's turns */
    private double overhead(String method, Map<String, String> params) {
        return jmh.find(BENCH, method, params)
                .map(r -> (r.total("stageNanos") / r.total("stageFrames")) / (r.total("bareNanos") / r.total("bareFrames")))
                .orElse(Double.NaN);
    }

    /** @return the stage's frames per second over all the benchmark's threads (each counted its own time) */
    private double fps(String method, Map<String, String> params) {
        return jmh.find(BENCH, method, params)
                .map(r -> r.threads() * r.total("stageFrames") / (r.total("stageNanos") * 1e-9))
                .orElse(Double.NaN);
    }

    /**
     * @param cores the cores of this machine
     * @return frames per second at 1280×720, batch 1, for this machine and 4- and 8-core VPSs (see {@link Scaling})
     */
    MarkdownTable vps(int cores) {
        MarkdownTable table = new MarkdownTable("stage", "1 thread here (fps)", "all " + cores + " cores here (fps)",
                "efficiency per core", "4-core VPS (fps, projected)", "8-core VPS (fps, projected)");
        for (String stage : jmh.paramValues(BENCH, "stage")) {
            Map<String, String> p = Map.of("stage", stage, "resolution", VPS_RESOLUTION);
            Scaling scaling = new Scaling(fps("batch1", p), fps("batch1AllCores", p), cores);
            table.row(stage, Fmt.num(scaling.oneThread()), Fmt.num(scaling.allThreads()), Fmt.percent(scaling.efficiency()),
                    Fmt.num(scaling.projected(4)), Fmt.num(scaling.projected(8)));
        }
        return table;
    }
}
