package io.visionpipeline.benchmarks.endtoend;

import com.fasterxml.jackson.databind.SerializationFeature;
import io.visionpipeline.core.report.ReportJson;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The smallest {@code -Xmx} at which the end-to-end run ({@link NewsAnalysis}, every core)
 * completes: child JVMs with this class path, a binary search over a ladder of heap sizes (a run
 * that fails, including with {@code OutOfMemoryError}, or takes over 3 minutes means too small). For each child it also
 * reads the peak resident set ({@code VmHWM} in {@code /proc/<pid>/status}), which adds ONNX
 * Runtime's and FFmpeg's native memory to the heap: what a VPS must really have.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks.jar:benchmarks/target/lib/*" io.visionpipeline.benchmarks.endtoend.HeapProbe [out.json]
 * </pre>
 */
public final class HeapProbe {
    /** Heap sizes tried, MiB. */
    static final int[] LADDER_MIB = {32, 48, 64, 96, 128, 192, 256, 384, 512, 768, 1024, 2048};

    private HeapProbe() {
    }

    /** One child run. */
    public record Run(int xmxMib, boolean completed, double seconds, long peakRssKib) {
    }

    /** The probe's outcome: the smallest heap that completed, and every run made. */
    public record Result(int smallestXmxMib, long peakRssKibAtSmallest, List<Run> runs) {
    }

    /**
     * @param args optional: the JSON file to write (default: benchmarks/target/run-all/heap-probe.json)
     * @throws IOException          when a child cannot be started or the result written
     * @throws InterruptedException when interrupted
     */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of(args.length > 0 ? args[0] : "benchmarks/target/run-all/heap-probe.json");
        NewsAnalysis.video();
        List<Run> runs = new ArrayList<>();
        int lo = 0;
        int hi = LADDER_MIB.length - 1;
        Run best = null;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            Run run = run(LADDER_MIB[mid]);
            runs.add(run);
            System.out.printf("-Xmx%dm: %s (%.1f s, peak RSS %d MiB)%n", run.xmxMib(), run.completed() ? "completed" : "failed",
                    run.seconds(), run.peakRssKib() / 1024);
            if (run.completed()) {
                best = run;
                hi = mid - 1;
            } else {
                lo = mid + 1;
            }
        }
        if (best == null) {
            throw new IllegalStateException("the end-to-end run did not complete even with -Xmx" + LADDER_MIB[LADDER_MIB.length - 1] + "m");
        }
        Result result = new Result(best.xmxMib(), best.peakRssKib(), runs);
        Files.createDirectories(out.toAbsolutePath().getParent());
        ReportJson.mapper().copy().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.toFile(), result);
        System.out.println("smallest heap: -Xmx" + best.xmxMib() + "m; written to " + out);
    }

    private static Run run(int xmxMib) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-Xmx" + xmxMib + "m", "-cp", System.getProperty("java.class.path"),
                NewsAnalysis.class.getName())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long started = System.nanoTime();
        Path status = Path.of("/proc", Long.toString(child.pid()), "status");
        long peak = 0;
        while (!child.waitFor(200, TimeUnit.MILLISECONDS)) {
            peak = Math.max(peak, highWaterMark(status));
            if (System.nanoTime() - started > TimeUnit.MINUTES.toNanos(3)) {
                child.destroyForcibly();
                child.waitFor();
                break;
            }
        }
        return new Run(xmxMib, child.exitValue() == 0, (System.nanoTime() - started) / 1e9, peak);
    }

    /** VmHWM of a running process in KiB, 0 when it cannot be read (process gone, not Linux). */
    private static long highWaterMark(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }
}
