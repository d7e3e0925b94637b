package io.visionpipeline.safety;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SafetySummarizerTest {

    private static SafetyScore score(double unsafe, double threshold) {
        float u = (float) unsafe;
        return SafetyScore.of(new float[] {0, u / 2, 1 - u, u / 4, u / 4}, threshold);
    }

    @Test
    void runsOfFlaggedFramesBecomeRangesWithTheirPeak() {
        SafetySummarizer summarizer = new SafetySummarizer(0.5);
        double[] unsafe = {0.1, 0.6, 0.9, 0.7, 0.2, 0.55, 0.3};
        for (int i = 0; i < unsafe.length; i++) {
            summarizer.onFrame(i, Duration.ofSeconds(i), score(unsafe[i], 0.5));
        }
        MediaReport.Builder report = MediaReport.builder(media());
        summarizer.finish(report);
        SafetySummary s = report.build().safety();
        assertThat(s.frames()).isEqualTo(7);
        assertThat(s.flaggedFrames()).isEqualTo(4);
        assertThat(s.flaggedShare()).isCloseTo(4 / 7.0, within(1e-12));
        assertThat(s.maxUnsafe()).isCloseTo(0.9, within(1e-6));
        assertThat(s.maxUnsafeAt()).isEqualTo(Duration.ofSeconds(2));
        assertThat(s.flaggedRanges()).hasSize(2);
        assertThat(s.flaggedRanges().get(0)).satisfies(r -> {
            assertThat(r.start()).isEqualTo(Duration.ofSeconds(1));
            assertThat(r.end()).isEqualTo(Duration.ofSeconds(3));
            assertThat(r.frames()).isEqualTo(3);
            assertThat(r.maxUnsafe()).isCloseTo(0.9, within(1e-6));
        });
        assertThat(s.flaggedRanges().get(1).start()).isEqualTo(Duration.ofSeconds(5));
        assertThat(s.flaggedRanges().get(1).end()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void aRunStillOpenAtTheEndIsClosed() {
        SafetySummarizer summarizer = new SafetySummarizer(0.4);
        summarizer.onFrame(0, Duration.ZERO, score(0.1, 0.4));
        summarizer.onFrame(1, Duration.ofSeconds(1), score(0.45, 0.4));
        MediaReport.Builder report = MediaReport.builder(media());
        summarizer.finish(report);
        assertThat(report.build().safety().flaggedRanges()).singleElement()
                .satisfies(r -> assertThat(r.start()).isEqualTo(Duration.ofSeconds(1)));
    }

    @Test
    void noScoredFrameAddsNoSummary() {
        MediaReport.Builder report = MediaReport.builder(media());
        new SafetySummarizer(0.5).finish(report);
        assertThat(report.build().safety()).isNull();
    }

    @Test
    void unsafeIsTheMassOfHentaiPornAndSexyAndTheFlagFollowsTheThreshold() {
        SafetyScore s = SafetyScore.of(new float[] {0.1f, 0.2f, 0.3f, 0.25f, 0.15f}, 0.6);
        assertThat(s.unsafe()).isCloseTo(0.6, within(1e-6));
        assertThat(s.flagged()).isEqualTo(s.unsafe() >= 0.6);
        assertThat(s.topClass()).isEqualTo(SafetyClass.NEUTRAL);
        assertThatThrownBy(() -> SafetyScore.of(new float[] {1, 0, 0}, 0.5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SafetySummarizer(1.5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("threshold");
    }

    private static MediaInfo media() {
        return new MediaInfo("clip.mp4", MediaKind.VIDEO, "mp4", Duration.ofSeconds(30), 640, 360, 25, 750, "h264", "");
    }
}
