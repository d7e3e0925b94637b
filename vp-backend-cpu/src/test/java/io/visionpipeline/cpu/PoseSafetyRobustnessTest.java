package io.visionpipeline.cpu;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.pose.BodyPart;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.pose.PoseEstimator;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.SafetyClass;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.Images;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs that break naive vision code, through the pose and nsfw stages: a grey picture, a
 * 16-bit-per-channel PNG, a 1×1 picture, a 48-megapixel frame, and a file that is no picture.
 */
class PoseSafetyRobustnessTest {
    private static final Logger LOG = LoggerFactory.getLogger(PoseSafetyRobustnessTest.class);
    private static VisionPipeline pipeline;

    @BeforeAll
    static void build() {
        pipeline = VisionPipeline.builder().pose().nsfw().executor(LocalExecutor.withThreads(1)).build();
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    @Test
    void aGreyPictureIsReadAsRgb() {
        MediaReport report = pipeline.analyze(TestMedia.skimage("camera.png"));
        FrameResult frame = report.frames().get(0);
        LOG.info("camera.png (grey): {} {}", frame.poses(), frame.safety());
        assertThat(frame.safety().topClass()).isEqualTo(SafetyClass.NEUTRAL);
        assertThat(frame.poses()).hasSize(1);
        assertThat(frame.poses().get(0).keypoint(BodyPart.NOSE).point().y())
                .isLessThan(frame.poses().get(0).keypoint(BodyPart.LEFT_HIP).point().y());
    }

    @Test
    void aSixteenBitPngGivesTheSameAnswersAsItsEightBitSource() {
        Path png16 = TestVideos.ffmpeg("messi5-rgb48.png", "-i", TestMedia.opencv("messi5.jpg").toString(), "-pix_fmt", "rgb48be");
        MediaReport wide = pipeline.analyze(png16);
        MediaReport source = pipeline.analyze(TestMedia.opencv("messi5.jpg"));
        Pose a = wide.frames().get(0).poses().get(0);
        Pose b = source.frames().get(0).poses().get(0);
        assertThat(wide.frames().get(0).poses()).hasSize(1);
        assertThat(a.keypoint(BodyPart.NOSE).point().distanceTo(b.keypoint(BodyPart.NOSE).point())).isLessThan(5);
        assertThat(wide.frames().get(0).safety().unsafe()).isCloseTo(source.frames().get(0).safety().unsafe(), org.assertj.core.api.Assertions.within(0.02));
    }

    @Test
    void aOneByOnePictureGivesNoPersonAndAScore(@TempDir Path dir) throws IOException {
        Path tiny = dir.resolve("one-pixel.png");
        java.awt.image.BufferedImage pixel = new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB);
        pixel.setRGB(0, 0, 0x808080);
        javax.imageio.ImageIO.write(pixel, "png", tiny.toFile());
        MediaReport report = pipeline.analyze(tiny);
        assertThat(report.media().width()).isEqualTo(1);
        assertThat(report.frames().get(0).poses()).isEmpty();
        SafetyScore score = report.frames().get(0).safety();
        assertThat(score.drawing() + score.hentai() + score.neutral() + score.porn() + score.sexy()).isCloseTo(1, org.assertj.core.api.Assertions.within(1e-4));
    }

    /**
     * messi5.jpg blown up 16 times (8768×5472, 144 MB of pixels): the person is found at 16 times
     * the coordinates, and neither stage copies the frame (both sample it straight into their
     * small inputs).
     */
    @Test
    void aFortyEightMegapixelFrameIsAnalysedInBoundedMemory() {
        ImageFrame messi = TestVideos.load(TestMedia.opencv("messi5.jpg"));
        ImageFrame huge = ImageFrame.ofRgb(messi.width() * 16, messi.height() * 16, Images.resizeNearest(messi, messi.width() * 16, messi.height() * 16));
        try (PoseEstimator pose = StageProviders.create(StageKinds.POSE, StageSpec.of("pose"));
             SafetyClassifier nsfw = StageProviders.create(StageKinds.NSFW, StageSpec.of("nsfw"))) {
            Pose small = pose.process(messi).get(0);
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            List<Pose> poses = pose.process(huge);
            SafetyScore score = nsfw.process(huge);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            LOG.info("8768x5472 frame: {} person(s), {}, {} MB allocated", poses.size(), score, allocated >> 20);
            assertThat(poses).hasSize(1);
            assertThat(poses.get(0).keypoint(BodyPart.NOSE).point().x() / 16).isCloseTo(small.keypoint(BodyPart.NOSE).point().x(),
                    org.assertj.core.api.Assertions.within(3.0));
            assertThat(score.topClass()).isEqualTo(SafetyClass.NEUTRAL);
            assertThat(allocated).isLessThan(64L << 20);
        }
    }

    @Test
    void aFileThatIsNoPictureFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path fake = Files.writeString(dir.resolve("holiday.png"), "not a picture at all\n".repeat(20));
        assertThatThrownBy(() -> pipeline.analyze(fake)).isInstanceOf(MediaDecodeException.class).hasMessageContaining(fake.toString());
    }
}
