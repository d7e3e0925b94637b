package io.visionpipeline.benchmarks.report;

import io.visionpipeline.benchmarks.endtoend.HeapProbe;
import io.visionpipeline.benchmarks.endtoend.NewsAnalysis;
import io.visionpipeline.benchmarks.endtoend.StepBreakdown;

import java.util.Map;

/** The end-to-end tables: real-time factor beside the hand-written loop, time per stage and step, smallest heap. */
final class EndToEndTables {
    private static final String BENCH = "EndToEndBenchmark";

    private final JmhResults jmh;

    EndToEndTables(JmhResults jmh) {
        this.jmh = jmh;
    }

    /** @return per thread count: seconds and real-time factor of the engine and of the hand-written loop */
    MarkdownTable realTime() {
        MarkdownTable table = new MarkdownTable("compute threads", "analyze (s)", "real-time factor", "hand-written loop (s)",
                "engine / loop time");
        for (String threads : jmh.paramValues(BENCH, "threads")) {
            Map<String, String> p = Map.of("threads", threads);
            double engine = seconds("analyze", p);
            double loop = seconds("handWrittenLoop", p);
            table.row(threads, Fmt.seconds(engine), Fmt.ratio(NewsAnalysis.SECONDS / engine).replace("×", ""), Fmt.seconds(loop),
                    Fmt.ratio(engine / loop));
        }
        return table;
    }

    /** @return the real-time factor with every thread measured, NaN when not measured */
    double bestRealTimeFactor() {
        return jmh.paramValues(BENCH, "threads").stream().mapToDouble(t -> NewsAnalysis.SECONDS / seconds("analyze", Map.of("threads", t)))
                .max().orElse(Double.NaN);
    }

    /** @return real-time factors on 1 thread and on the most threads measured; empty when not measured */
    java.util.Optional<Scaling> realTimeScaling() {
        var threads = jmh.paramValues(BENCH, "threads");
        if (threads.isEmpty()) {
            return java.util.Optional.empty();
        }
        String most = threads.get(threads.size() - 1);
        return java.util.Optional.of(new Scaling(NewsAnalysis.SECONDS / seconds("analyze", Map.of("threads", "1")),
                NewsAnalysis.SECONDS / seconds("analyze", Map.of("threads", most)), Integer.parseInt(most)));
    }

    private double seconds(String method, Map<String, String> params) {
        return jmh.find(BENCH, method, params).map(JmhResults.Result::secondsPerOp).orElse(Double.NaN);
    }

    /**
     * @param steps a recorded run's breakdown
     * @return per stage: busy time, share of all stage time, and its split into pre-processing, inference, post-processing
     */
    static MarkdownTable steps(StepBreakdown.Result steps) {
        double total = steps.stages().stream().mapToDouble(StepBreakdown.StageSteps::busy).sum();
        MarkdownTable table = new MarkdownTable("stage", "frames", "busy (s, thread time)", "share of stage time", "pre-processing",
                "inference", "post-processing");
        for (StepBreakdown.StageSteps s : steps.stages()) {
            table.row(s.kind(), Long.toString(s.frames()), Fmt.seconds(s.busy()), Fmt.percent(s.busy() / total),
                    Fmt.percent(s.preprocess() / s.busy()), Fmt.percent(s.inference() / s.busy()), Fmt.percent(s.postprocess() / s.busy()));
        }
        return table;
    }

    /**
     * @param steps a recorded run's breakdown
     * @return the other steps: decoding, aggregation and JSON, against the wall time
     */
    static MarkdownTable otherSteps(StepBreakdown.Result steps) {
        double stages = steps.stages().stream().mapToDouble(StepBreakdown.StageSteps::busy).sum();
        return new MarkdownTable("step", "time", "note")
                .row("wall time", Fmt.seconds(steps.wall()), "real-time factor " + Fmt.num(steps.realTimeFactor()) + " with "
                        + steps.threads() + " compute threads")
                .row("stages (sum over threads)", Fmt.seconds(stages), "the table above")
                .row("decode (FFmpeg + swscale of sampled frames)", Fmt.seconds(steps.decode()), "on the job's own thread, overlapping the stages")
                .row("report: aggregation (tracks, summaries)", Fmt.seconds(steps.aggregate()), "per frame, in media order")
                .row("report: JSON", Fmt.seconds(steps.reportJson()), "ReportJson.toJson of the whole report");
    }

    /**
     * @param heap the heap probe's result
     * @return the runs it made
     */
    static MarkdownTable heap(HeapProbe.Result heap) {
        MarkdownTable table = new MarkdownTable("-Xmx", "completed", "time", "peak RSS");
        heap.runs().stream().sorted(java.util.Comparator.comparingInt(HeapProbe.Run::xmxMib)).forEach(r -> table.row(
                r.xmxMib() + " MiB", r.completed() ? "yes" : "no", Fmt.seconds(r.seconds()), (r.peakRssKib() / 1024) + " MiB"));
        return table;
    }
}
