package io.visionpipeline.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time the benchmark thread spends per operation, reported by JMH beside the wall-clock score
 * as the secondary results {@code cpuMicros} and {@code calls} (per iteration; CPU per operation =
 * cpuMicros / calls). On a shared machine wall-clock time includes waiting for a core; CPU time
 * counts only the work, which is what "on one core" means. Add it as a benchmark parameter and
 * wrap the measured work in {@link CpuMeter#measure(CpuTime, java.util.function.IntSupplier)}.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTime {
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
     * @param micros CPU microseconds of one operation
     */
    void add(long micros) {
        cpuMicros += micros;
        calls++;
    }
}
