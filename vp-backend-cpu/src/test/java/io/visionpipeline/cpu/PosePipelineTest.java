package io.visionpipeline.cpu;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code pose} stage over a video: opencv-doc's vtest.avi (768×576, 10 fps, pedestrians
 * 80–120 px tall on a square), its first 20 s sampled at 5 frames per second. The people are
 * small, so MultiPose runs at its largest input (512 px; at the default 256 it finds a quarter of
 * a person per frame, see docs/pose-safety.md).
 */
class PosePipelineTest {
    private static final Logger LOG = LoggerFactory.getLogger(PosePipelineTest.class);
    private static MediaReport report;

    @BeforeAll
    static void analyse() {
        Path clip = TestVideos.ffmpeg("vtest-20s.avi", "-i", TestMedia.opencv("vtest.avi").toString(), "-t", "20", "-c", "copy");
        try (VisionPipeline vp = VisionPipeline.builder().stage(new StageSpec("pose", "movenet", Map.of("inputSize", "512")))
                .sampling(FrameSampling.every(Duration.ofMillis(200))).executor(LocalExecutor.withThreads(2)).build()) {
            report = vp.analyze(clip);
        }
    }

    @Test
    void findsSeveralPeoplePerFrame() {
        assertThat(report.frames()).hasSize(100);
        double mean = report.frames().stream().mapToInt(f -> f.poses().size()).average().orElse(0);
        long withThree = report.frames().stream().filter(f -> f.poses().size() >= 3).count();
        LOG.info("vtest: {} people per sampled frame on average, {} of {} frames with 3 or more", mean, withThree, report.frames().size());
        assertThat(mean).isGreaterThanOrEqualTo(3);
        assertThat(withThree).isGreaterThanOrEqualTo(report.frames().size() * 3 / 4);
        for (FrameResult frame : report.frames()) {
            assertThat(frame.poses()).extracting(Pose::trackId).doesNotHaveDuplicates().doesNotContain(Pose.NO_TRACK);
        }
    }

    /**
     * The longest run of consecutive sampled frames in which one track id appears; along it the
     * box moves smoothly (never more than a third of its height from one frame to the next, i.e.
     * the id stays on one walking pedestrian) and the pedestrian covers ground.
     */
    @Test
    void aPedestrianKeepsOneTrackIdOverTenOrMoreConsecutiveSampledFrames() {
        Map<Integer, List<Pose>> runs = new HashMap<>();
        Map<Integer, List<Pose>> longest = new HashMap<>();
        for (FrameResult frame : report.frames()) {
            Map<Integer, List<Pose>> next = new HashMap<>();
            for (Pose pose : frame.poses()) {
                List<Pose> run = new ArrayList<>(runs.getOrDefault(pose.trackId(), List.of()));
                run.add(pose);
                next.put(pose.trackId(), run);
                longest.merge(pose.trackId(), run, (a, b) -> b.size() > a.size() ? b : a);
            }
            runs = next;
        }
        List<Integer> lengths = longest.values().stream().map(List::size).sorted((a, b) -> b - a).toList();
        LOG.info("vtest: {} track ids; longest runs of consecutive sampled frames: {}", longest.size(), lengths.subList(0, Math.min(10, lengths.size())));
        Optional<List<Pose>> best = longest.values().stream().max((a, b) -> a.size() - b.size());
        assertThat(best).isPresent();
        List<Pose> run = best.get();
        assertThat(run).hasSizeGreaterThanOrEqualTo(10);
        double largestStep = 0;
        for (int i = 1; i < run.size(); i++) {
            double step = run.get(i).box().center().distanceTo(run.get(i - 1).box().center());
            largestStep = Math.max(largestStep, step / run.get(i - 1).box().height());
        }
        double travelled = run.get(0).box().center().distanceTo(run.get(run.size() - 1).box().center());
        LOG.info("vtest: track {} over {} frames, largest step {} box heights, travelled {} px", run.get(0).trackId(), run.size(),
                largestStep, Math.round(travelled));
        assertThat(largestStep).isLessThan(1 / 3.0);
        assertThat(travelled).isGreaterThan(20);
    }

    @Test
    void trackIdsSurviveTheJsonReport() {
        MediaReport again = ReportJson.fromJson(ReportJson.toJson(report));
        assertThat(again.frames()).extracting(FrameResult::poses).isEqualTo(report.frames().stream().map(FrameResult::poses).toList());
    }
}
