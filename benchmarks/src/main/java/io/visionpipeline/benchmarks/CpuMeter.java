package io.visionpipeline.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.IntSupplier;

/**
 * Measures the CPU time of one benchmark operation into a {@link CpuTime} state. Kept out of the
 * state class: JMH reads every public method of an {@code @AuxCounters} state as a counter.
 */
public final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private CpuMeter() {
    }

    /**
     * @param counters the benchmark thread's counters
     * @param work     the operation
     * @return its result
     */
    public static int measure(CpuTime counters, IntSupplier work) {
        long start = THREADS.getCurrentThreadCpuTime();
        int result = work.getAsInt();
        counters.add((THREADS.getCurrentThreadCpuTime() - start) / 1000);
        return result;
    }
}
