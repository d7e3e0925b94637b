package io.visionpipeline.cpu;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.executor.Progress;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heap a video needs does not grow with its length: a 20-minute video is analysed with about
 * the same live heap as a 1-minute one. Live heap is sampled after a full GC during the run.
 */
class BoundedMemoryTest {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    @Test
    @Timeout(300)
    void liveHeapDoesNotGrowWithVideoLength() {
        Path oneMinute = TestVideos.synthetic("long-1min-320x240.avi", 320, 240, 10, Duration.ofMinutes(1));
        Path twentyMinutes = TestVideos.synthetic("long-20min-320x240.avi", 320, 240, 10, Duration.ofMinutes(20));
        long short1 = peakLiveHeap(oneMinute, 60);
        long long20 = peakLiveHeap(twentyMinutes, 1200);
        System.out.printf("peak live heap: 1 min %.1f MB, 20 min %.1f MB%n", short1 / 1e6, long20 / 1e6);
        // 20× the frames; holding frames (230 kB each) would add hundreds of MB. Allow noise + the
        // 1,140 extra small per-frame results kept in the report.
        assertThat(long20).isLessThan((long) (short1 * 1.25) + 8_000_000L);
    }

    private static long peakLiveHeap(Path video, int expectedFrames) {
        long[] peak = {0};
        long[] lastSample = {0};
        try (VisionPipeline vp = VisionPipeline.builder().faces().sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .executor(LocalExecutor.withThreads(2))
                .progress((Progress p) -> {
                    if (System.nanoTime() - lastSample[0] > 200_000_000L || p.finished()) {
                        lastSample[0] = System.nanoTime();
                        System.gc();
                        peak[0] = Math.max(peak[0], MEMORY.getHeapMemoryUsage().getUsed());
                    }
                }).build()) {
            MediaReport report = vp.analyze(video);
            assertThat(report.frames()).hasSize(expectedFrames);
        }
        return peak[0];
    }
}
