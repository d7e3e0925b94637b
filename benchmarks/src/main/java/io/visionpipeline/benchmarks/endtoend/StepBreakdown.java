package io.visionpipeline.benchmarks.endtoend;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.events.AggregateEvent;
import io.visionpipeline.core.events.InferenceEvent;
import io.visionpipeline.core.events.PreprocessEvent;
import io.visionpipeline.core.events.StageBatchEvent;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.MediaReport;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the time of one end-to-end run goes: the {@link NewsAnalysis} run once with every core,
 * under a Java Flight Recorder recording of the engine's events ({@code io.visionpipeline.core.events}).
 * Each stage's busy time is split into pre-processing (image → tensor), inference (ONNX Runtime
 * runs) and post-processing (the rest of the stage's batch: decoding outputs, NMS, crops, CTC, …)
 * by nesting: a pre-processing or inference event belongs to the stage batch that encloses it on
 * the same thread. Decoding comes from the report's timings; "report" is the per-frame aggregation
 * (tracks, summaries) plus writing the JSON.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" io.visionpipeline.benchmarks.endtoend.StepBreakdown [out.json]
 * </pre>
 */
public final class StepBreakdown {
    private StepBreakdown() {
    }

    /** Time of one stage by step, seconds of CPU-thread time. */
    public record StageSteps(String kind, long frames, double busy, double preprocess, double inference, double postprocess) {
    }

    /** The breakdown of one run; times in seconds. */
    public record Result(int threads, int videoSeconds, int frames, double wall, double realTimeFactor, double decode,
                         double aggregate, double reportJson, List<StageSteps> stages) {
    }

    /**
     * @param args optional: the JSON file to write (default: benchmarks/target/run-all/endtoend-steps.json)
     * @throws IOException when the recording cannot be written or read
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/run-all/endtoend-steps.json");
        Result result = measure(Runtime.getRuntime().availableProcessors());
        Files.createDirectories(out.toAbsolutePath().getParent());
        ReportJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.printf("real-time factor %.2f (%d threads); breakdown written to %s%n", result.realTimeFactor(), result.threads(), out);
    }

    /**
     * @param threads compute threads
     * @return the breakdown of one recorded run (after one unrecorded warm-up run)
     * @throws IOException when the recording cannot be written or read
     */
    public static Result measure(int threads) throws IOException {
        Path jfr = Files.createTempFile("vp-steps", ".jfr");
        try (VisionPipeline vp = NewsAnalysis.pipeline(threads)) {
            vp.analyze(NewsAnalysis.video());
            MediaReport report;
            double json;
            try (Recording recording = new Recording()) {
                for (String event : List.of(StageBatchEvent.NAME, PreprocessEvent.NAME, InferenceEvent.NAME, AggregateEvent.NAME)) {
                    recording.enable(event).withThreshold(Duration.ZERO);
                }
                recording.start();
                report = vp.analyze(NewsAnalysis.video());
                long started = System.nanoTime();
                ReportJson.toJson(report);
                json = (System.nanoTime() - started) / 1e9;
                recording.stop();
                recording.dump(jfr);
            }
            return breakdown(threads, report, json, RecordingFile.readAllEvents(jfr));
        } finally {
            Files.deleteIfExists(jfr);
        }
    }

    private static Result breakdown(int threads, MediaReport report, double json, List<RecordedEvent> events) {
        Map<Long, List<RecordedEvent>> batchesByThread = new HashMap<>();
        Map<String, double[]> steps = new LinkedHashMap<>();
        Map<String, Long> frames = new HashMap<>();
        double aggregate = 0;
        for (RecordedEvent e : events) {
            switch (e.getEventType().getName()) {
                case StageBatchEvent.NAME -> {
                    batchesByThread.computeIfAbsent(threadOf(e), t -> new ArrayList<>()).add(e);
                    steps.computeIfAbsent(e.getString("kind"), k -> new double[3])[0] += seconds(e);
                    frames.merge(e.getString("kind"), (long) e.getInt("frames"), Long::sum);
                }
                case AggregateEvent.NAME -> aggregate += seconds(e);
                default -> { }
            }
        }
        for (RecordedEvent e : events) {
            String type = e.getEventType().getName();
            int step = type.equals(PreprocessEvent.NAME) ? 1 : type.equals(InferenceEvent.NAME) ? 2 : -1;
            if (step < 0) {
                continue;
            }
            RecordedEvent batch = enclosing(batchesByThread.getOrDefault(threadOf(e), List.of()), e);
            if (batch != null) {
                steps.get(batch.getString("kind"))[step] += seconds(e);
            }
        }
        List<StageSteps> stages = new ArrayList<>();
        steps.forEach((kind, s) -> stages.add(new StageSteps(kind, frames.get(kind), s[0], s[1], s[2], s[0] - s[1] - s[2])));
        double wall = report.timings().wallTime().toNanos() / 1e9;
        return new Result(threads, NewsAnalysis.SECONDS, report.frames().size(), wall, NewsAnalysis.SECONDS / wall,
                report.timings().decodeTime().toNanos() / 1e9, aggregate, json, stages);
    }

    private static RecordedEvent enclosing(List<RecordedEvent> batches, RecordedEvent inner) {
        Instant start = inner.getStartTime();
        Instant end = inner.getEndTime();
        for (RecordedEvent batch : batches) {
            if (!batch.getStartTime().isAfter(start) && !batch.getEndTime().isBefore(end)) {
                return batch;
            }
        }
        return null;
    }

    private static long threadOf(RecordedEvent e) {
        return e.getThread() == null ? -1 : e.getThread().getJavaThreadId();
    }

    private static double seconds(RecordedEvent e) {
        return e.getDuration().toNanos() / 1e9;
    }
}
