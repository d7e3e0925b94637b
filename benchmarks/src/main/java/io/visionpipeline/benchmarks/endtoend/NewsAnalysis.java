package io.visionpipeline.benchmarks.endtoend;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.benchmarks.BenchmarkMedia;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The end-to-end workload of the performance issue: a 60 s 1280×720 H.264 news-like video
 * ({@link BenchmarkMedia#newsVideo720p}) sampled at 1 frame per second through the four CPU frame
 * stages with their default providers: faces (BlazeFace), ocr (PP-OCRv4), pose (MoveNet
 * MultiPose) and nsfw (nsfwjs).
 */
public final class NewsAnalysis {
    /** Length of the video, seconds. */
    public static final int SECONDS = 60;

    private NewsAnalysis() {
    }

    /** @return the video (generated once with the ffmpeg command, then cached) */
    public static Path video() {
        return BenchmarkMedia.newsVideo720p(SECONDS);
    }

    /**
     * @param threads compute threads of the local executor
     * @return the pipeline; close it
     */
    public static VisionPipeline pipeline(int threads) {
        System.setProperty("vp.models.allowDownloads", "true");
        return VisionPipeline.builder()
                .sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces().ocr().pose().nsfw()
                .executor(LocalExecutor.withThreads(threads))
                .build();
    }

    /**
     * Analyses the video once in a fresh pipeline (the heap probe's child JVMs run this).
     *
     * @param args optional: compute threads (default: one per processor)
     */
    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        try (VisionPipeline vp = pipeline(threads)) {
            MediaReport report = vp.analyze(video());
            System.out.println("frames " + report.frames().size() + " wall " + report.timings().wallTime().toMillis() + " ms");
        }
    }
}
