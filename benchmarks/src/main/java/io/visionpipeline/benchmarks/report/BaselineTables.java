package io.visionpipeline.benchmarks.report;

import java.util.List;
import java.util.Map;

/** The suite's other side-by-side baselines, each a subject and its baseline from the same run. */
final class BaselineTables {
    /** A subject and its baseline: a benchmark method with parameters each. */
    record Comparison(String subject, String baseline, String benchmarkClass, String subjectMethod, Map<String, String> subjectParams,
                      String baselineMethod, Map<String, String> baselineParams) {
    }

    /** The comparisons the issue asks for, besides the ONNX stages and the end-to-end run. */
    static final List<Comparison> COMPARISONS = List.of(
            new Comparison("FrameReader: 60 s 720p H.264, 1 fps sampled to RGB", "ffmpeg CLI decoding every frame (-threads 1 -f null)",
                    "DecodeBenchmark", "frameReaderSamplesOnePerSecond", Map.of(), "ffmpegCliDecodesAllFrames", Map.of()),
            new Comparison("tesseract engine (tess4j), 1280×720 slide, 1 thread", "tesseract CLI on the same PNG",
                    "TesseractBenchmark", "tesseract", Map.of(), "tesseractCli", Map.of()),
            new Comparison("tesseract engine, 2 threads", "tesseract CLI, 2 processes",
                    "TesseractBenchmark", "tesseractTwoThreads", Map.of(), "tesseractCliTwoProcesses", Map.of()),
            new Comparison("JVector HNSW search, 100k × 384-d", "exact index (flat, SIMD dot products)",
                    "IndexSearchBenchmark", "search", Map.of("index", "hnsw"), "search", Map.of("index", "flat")),
            new Comparison("exact index (flat)", "naive loop over float[][]",
                    "IndexSearchBenchmark", "search", Map.of("index", "flat"), "search", Map.of("index", "naive")),
            new Comparison("Redis executor, trivial stage (echo)", "LocalExecutor, same stage",
                    "RedisThroughputBenchmark", "jobs", Map.of("executor", "redis", "work", "echo"), "jobs", Map.of("executor", "local", "work", "echo")),
            new Comparison("Redis executor, engine job on a tiny image", "LocalExecutor, same job",
                    "RedisThroughputBenchmark", "jobs", Map.of("executor", "redis", "work", "engine"), "jobs", Map.of("executor", "local", "work", "engine")));

    private BaselineTables() {
    }

    /**
     * @param jmh results
     * @return one row per comparison that was measured: both times per operation and their ratio
     */
    static MarkdownTable table(JmhResults jmh) {
        MarkdownTable table = new MarkdownTable("subject", "time per op", "baseline", "time per op", "subject / baseline");
        for (Comparison c : COMPARISONS) {
            var subject = jmh.find(c.benchmarkClass(), c.subjectMethod(), c.subjectParams());
            var baseline = jmh.find(c.benchmarkClass(), c.baselineMethod(), c.baselineParams());
            if (subject.isPresent() && baseline.isPresent()) {
                double s = subject.get().secondsPerOp();
                double b = baseline.get().secondsPerOp();
                table.row(c.subject(), time(s), c.baseline(), time(b), Fmt.ratio(s / b));
            }
        }
        return table;
    }

    private static String time(double seconds) {
        return seconds >= 1 ? Fmt.seconds(seconds) : seconds >= 1e-3 ? Fmt.num(seconds * 1e3) + " ms" : Fmt.num(seconds * 1e6) + " µs";
    }
}
