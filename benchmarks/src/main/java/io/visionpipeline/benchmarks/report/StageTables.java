package io.visionpipeline.benchmarks.report;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The per-stage tables: {@code StageOverheadBenchmark}'s frames per second beside bare ONNX
 * Runtime, and the VPS projection derived from its 1-thread and all-cores scores.
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
                table.row(stage, resolution.replace('x', '×'), cell("stageBatch1", "bareOrtBatch1", p),
                        cell("stageBatch8", "bareOrtBatch8", p), cell("stageBatch1AllCores", "bareOrtBatch1AllCores", p));
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
                for (String[] pair : new String[][] {{"stageBatch1", "bareOrtBatch1"}, {"stageBatch8", "bareOrtBatch8"}}) {
                    double r = overhead(pair[0], pair[1], p);
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

    private String cell(String subject, String baseline, Map<String, String> params) {
        double fps = fps(subject, params);
        return Fmt.num(fps) + " (" + Fmt.ratio(overhead(subject, baseline, params)) + ")";
    }

    private double overhead(String subject, String baseline, Map<String, String> params) {
        return fps(baseline, params) / fps(subject, params);
    }

    private double fps(String method, Map<String, String> params) {
        return jmh.find(BENCH, method, params).map(r -> 1 / r.secondsPerOp()).orElse(Double.NaN);
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
            Scaling scaling = new Scaling(fps("stageBatch1", p), fps("stageBatch1AllCores", p), cores);
            table.row(stage, Fmt.num(scaling.oneThread()), Fmt.num(scaling.allThreads()), Fmt.percent(scaling.efficiency()),
                    Fmt.num(scaling.projected(4)), Fmt.num(scaling.projected(8)));
        }
        return table;
    }
}
