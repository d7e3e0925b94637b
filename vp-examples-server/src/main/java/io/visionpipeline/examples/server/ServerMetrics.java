package io.visionpipeline.examples.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageStats;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server's Micrometer meters, scraped as Prometheus text at {@code GET /metrics}:
 * <ul>
 *   <li>{@code vp_analyze_seconds{outcome}}: wall time of each upload, by outcome (ok, bad_media, timeout, …)</li>
 *   <li>{@code vp_stage_seconds{stage}}: time each stage spent on one media (its busy time)</li>
 *   <li>{@code vp_stage_frames_total{stage}}: frames each stage processed</li>
 *   <li>{@code vp_queue_depth}: admitted uploads waiting for an analysis slot; {@code vp_analyze_active}: being analysed</li>
 *   <li>{@code vp_errors_total{type}}: rejected and failed requests, by type</li>
 * </ul>
 */
final class ServerMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();

    ServerMetrics() {
        Gauge.builder("vp.queue.depth", queued, AtomicInteger::get).description("uploads waiting for an analysis slot").register(registry);
        Gauge.builder("vp.analyze.active", active, AtomicInteger::get).description("uploads being analysed").register(registry);
    }

    /** @return the registry, for callers that add their own meters */
    MeterRegistry registry() {
        return registry;
    }

    /** @return the metrics in the Prometheus text format */
    String scrape() {
        return registry.scrape();
    }

    AtomicInteger queued() {
        return queued;
    }

    AtomicInteger active() {
        return active;
    }

    /**
     * @param outcome how the upload ended
     * @param wall    how long it took
     */
    void analyzed(String outcome, Duration wall) {
        Timer.builder("vp.analyze").description("upload analysis wall time").tag("outcome", outcome)
                .publishPercentileHistogram().register(registry).record(wall);
    }

    /** @param report a finished report: its per-stage times and frame counts */
    void stages(MediaReport report) {
        for (StageStats stage : report.timings().stages()) {
            stageTimer(stage.kind()).record(stage.busyTime());
            Counter.builder("vp.stage.frames").description("frames processed by a stage").tag("stage", stage.kind())
                    .register(registry).increment(stage.frames());
        }
        stageTimer("decode").record(report.timings().decodeTime());
    }

    private Timer stageTimer(String stage) {
        return Timer.builder("vp.stage").description("time a stage spent on one media").tag("stage", stage)
                .publishPercentileHistogram().register(registry);
    }

    /** @param type what went wrong (too_large, busy, bad_media, timeout, …) */
    void error(String type) {
        Counter.builder("vp.errors").description("rejected or failed requests").tag("type", type).register(registry).increment();
    }
}
