package io.visionpipeline.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time the benchmark thread spends per operation, reported by JMH beside the wall-clock score
 * as the secondary results {@code cpuMicros} and {@code calls} (per iteration; CPU per operation =
 * cpuMicros / calls). On a shared machine wall-clock time includes waiting for a core; CPU time
 * counts only the work, which is what "on one core" means. Add it as a benchmark parameter and
 * wrap the measured work in {@link #measure(java.util.function.IntSupplier)}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** CPU microseconds of the benchmark thread in this iteration. */
    public long cpuMicros;
    /** Operations measured in this iteration. */
    public long calls;

    /** Starts each iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        cpuMicros = 0;
        calls = 0;
    }

    /**
     * @param work the operation
     * @return its result
     */
    public int measure(java.util.function.IntSupplier work) {
        long start = THREADS.getCurrentThreadCpuTime();
        int result = work.getAsInt();
        cpuMicros += (THREADS.getCurrentThreadCpuTime() - start) / 1000;
        calls++;
        return result;
    }
}
