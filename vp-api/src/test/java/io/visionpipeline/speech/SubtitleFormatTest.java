package io.visionpipeline.speech;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SubtitleFormatTest {
    private static final Transcript TALK = new Transcript("en", List.of(
            new TranscriptSegment(Duration.ofMillis(320), Duration.ofMillis(2_100), " And so my fellow Americans,", 0.9, List.of()),
            new TranscriptSegment(Duration.ofMillis(2_500), Duration.ofMillis(2_600), "   ", 0.2, List.of()),
            new TranscriptSegment(Duration.ofSeconds(3_725, 7_000_000), Duration.ofSeconds(3_727), "ask not", 0.8, List.of())));

    @Test
    void writesSubRipCuesNumberedFromOneWithCommaMillis() {
        assertThat(SubtitleFormat.SRT.format(TALK)).isEqualTo("""
                1
                00:00:00,320 --> 00:00:02,100
                And so my fellow Americans,

                2
                01:02:05,007 --> 01:02:07,000
                ask not

                """);
    }

    @Test
    void writesWebVttWithItsHeaderAndDotMillis() {
        assertThat(SubtitleFormat.WEBVTT.format(TALK)).startsWith("WEBVTT\n\n1\n00:00:00.320 --> 00:00:02.100\n")
                .contains("01:02:05.007 --> 01:02:07.000\nask not\n");
        assertThat(SubtitleFormat.WEBVTT.format(Transcript.EMPTY)).isEqualTo("WEBVTT\n\n");
    }

    @Test
    void segmentsRejectTimesRunningBackwardsAndConfidenceOutsideZeroToOne() {
        assertThatThrownBy(() -> new TranscriptSegment(Duration.ofSeconds(2), Duration.ofSeconds(1), "x", 0.5, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TranscriptSegment(Duration.ZERO, Duration.ofSeconds(1), "x", 1.5, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(TALK.text()).isEqualTo("And so my fellow Americans, ask not");
    }
}
