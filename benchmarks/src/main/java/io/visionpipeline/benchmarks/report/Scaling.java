package io.visionpipeline.benchmarks.report;

/**
 * Throughput measured on one thread and on all {@code threads} cores, and what it projects to on
 * a machine with more cores: the efficiency per core is {@code e = allThreads / (threads · oneThread)};
 * {@code k} cores are projected at {@code k · oneThread · e^(log2 k / log2 threads)}, i.e. the
 * efficiency lost from 1 to {@code threads} cores is lost again at each further doubling
 * (pessimistic for ONNX Runtime, whose sessions share nothing but memory bandwidth).
 *
 * @param oneThread  throughput on one thread
 * @param allThreads throughput with one thread per core
 * @param threads    the cores of that measurement
 */
record Scaling(double oneThread, double allThreads, int threads) {

    /** @return the measured efficiency per core, at most 1 */
    double efficiency() {
        return Math.min(1, allThreads / (threads * oneThread));
    }

    /**
     * @param cores target cores
     * @return the projected throughput on that many cores
     */
    double projected(int cores) {
        double doublings = Math.log(cores) / Math.log(2);
        double measuredDoublings = Math.max(1, Math.log(threads) / Math.log(2));
        return cores * oneThread * Math.pow(efficiency(), doublings / measuredDoublings);
    }
}
