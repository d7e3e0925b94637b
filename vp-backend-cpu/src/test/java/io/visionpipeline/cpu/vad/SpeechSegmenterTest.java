package io.visionpipeline.cpu.vad;

import io.visionpipeline.speech.SpeechSegment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The hysteresis state machine on hand-made probability sequences (32 ms windows at 16 kHz). */
class SpeechSegmenterTest {
    private static final int WINDOW = 512;

    /** @return segments for one probability per window, in the order given */
    private static List<SpeechSegment> run(VadOptions options, double... probabilities) {
        SpeechSegmenter segmenter = new SpeechSegmenter(options, 16_000, 0);
        List<SpeechSegment> out = new ArrayList<>();
        for (int i = 0; i < probabilities.length; i++) {
            segmenter.accept((long) i * WINDOW, WINDOW, (float) probabilities[i], out);
        }
        segmenter.finish((long) probabilities.length * WINDOW, out);
        return out;
    }

    private static double[] windows(Object... runs) {
        List<Double> p = new ArrayList<>();
        for (int i = 0; i < runs.length; i += 2) {
            for (int n = 0; n < (int) runs[i]; n++) {
                p.add((Double) runs[i + 1]);
            }
        }
        return p.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static long ms(Duration d) {
        return d.toMillis();
    }

    @Test
    void startsAtTheThresholdEndsAtThePauseAndAddsPadding() {
        // 10 windows silence, 20 speech, 60 silence (1.92 s > 1.4 s)
        List<SpeechSegment> s = run(VadOptions.DEFAULT, windows(10, 0.1, 20, 0.9, 60, 0.05));
        assertThat(s).hasSize(1);
        assertThat(ms(s.get(0).start())).isEqualTo(320 - 30);
        assertThat(ms(s.get(0).end())).isEqualTo(960 + 30);
    }

    @Test
    void probabilitiesBetweenTheThresholdsNeitherStartNorEndSpeech() {
        assertThat(run(VadOptions.DEFAULT, windows(50, 0.45))).isEmpty();
        // speech, then 60 windows at 0.4 (above negThreshold 0.35): still one segment until the end
        List<SpeechSegment> s = run(VadOptions.DEFAULT, windows(20, 0.9, 60, 0.4));
        assertThat(s).singleElement().satisfies(x -> assertThat(ms(x.end())).isEqualTo(80 * 32));
    }

    @Test
    void keepsPausesShorterThanTheMinimumSilenceInsideOneSegment() {
        // a 1.28 s pause (40 windows) stays inside; a 1.6 s pause (50 windows) splits
        assertThat(run(VadOptions.DEFAULT, windows(20, 0.9, 40, 0.1, 20, 0.9, 60, 0.1))).hasSize(1);
        assertThat(run(VadOptions.DEFAULT, windows(20, 0.9, 50, 0.1, 20, 0.9, 60, 0.1))).hasSize(2);
    }

    @Test
    void dropsSpeechShorterThanTheMinimum() {
        // 7 windows = 224 ms < 250 ms
        assertThat(run(VadOptions.DEFAULT, windows(10, 0.1, 7, 0.9, 60, 0.1))).isEmpty();
        assertThat(run(VadOptions.DEFAULT, windows(10, 0.1, 8, 0.9, 60, 0.1))).hasSize(1);
    }

    @Test
    void splitsSpeechLongerThanTheMaximumAtItsLastPause() {
        VadOptions max2s = VadOptions.DEFAULT.withMaxSpeech(Duration.ofSeconds(2));
        // 40 windows speech, 5 windows (160 ms) pause, 40 speech: 2.72 s in all, split at the pause
        List<SpeechSegment> s = run(max2s, windows(40, 0.9, 5, 0.1, 40, 0.9, 60, 0.1));
        assertThat(s).hasSize(2);
        assertThat(ms(s.get(0).end())).isEqualTo(40 * 32);
        assertThat(s.get(1).start()).isEqualTo(s.get(0).end());
        assertThat(s).allSatisfy(x -> assertThat(x.duration()).isLessThanOrEqualTo(Duration.ofMillis(2060)));
    }
}
