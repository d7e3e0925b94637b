package io.visionpipeline.cpu.vad;

import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.speech.SpeechSegment;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestSpeech;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SileroVadTest {
    private static SileroVad vad;

    @BeforeAll
    static void open() {
        vad = SileroVad.open(ModelStore.defaults());
    }

    @AfterAll
    static void close() {
        vad.close();
    }

    static List<SpeechSegment> detect(Path file, Duration clip, VadOptions options) {
        try (AudioReader reader = AudioReader.open(MediaSource.of(file), clip)) {
            return vad.detect(reader.track(), options);
        }
    }

    static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    @Test
    void findsJfkAsOneRegionFromHisFirstWordToHisLast() {
        // Reference times measured on the waveform (RMS of 20-50 ms windows), independently of Silero:
        // the room's noise floor is -42 dBFS; the first word ("And") rises to -26 dBFS at 0.30 s; the last
        // ("country") has its vowel until 10.20 s and its reverberant tail falls back to within 5 dB of
        // the noise floor at 10.44 s. The pauses inside last about 1.1 s.
        List<SpeechSegment> speech = detect(TestSpeech.jfk(), Duration.ofSeconds(1), VadOptions.DEFAULT);
        assertThat(speech).hasSize(1);
        assertThat(seconds(speech.get(0).start())).isBetween(0.30 - 0.3, 0.30 + 0.3);
        assertThat(seconds(speech.get(0).end())).isBetween(10.44 - 0.3, 10.44 + 0.3);
    }

    @Test
    void findsEachUtteranceSeparatedByTwoSecondsOfSilence() {
        TestSpeech.Utterances talk = TestSpeech.utterances("vad-three-utterances.wav", Duration.ofSeconds(1), Duration.ofSeconds(2),
                "The quick brown fox jumps over the lazy dog.",
                "Speech recognition turns voices into text.",
                "Silence separates these three sentences.");
        List<SpeechSegment> speech = detect(talk.wav(), Duration.ofSeconds(1), VadOptions.DEFAULT);
        assertThat(speech).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(seconds(speech.get(i).start())).as("start of utterance %d", i)
                    .isBetween(seconds(talk.spans().get(i).start()) - 0.2, seconds(talk.spans().get(i).start()) + 0.2);
            assertThat(seconds(speech.get(i).end())).as("end of utterance %d", i)
                    .isBetween(seconds(talk.spans().get(i).end()) - 0.2, seconds(talk.spans().get(i).end()) + 0.2);
        }
    }

    @Test
    void carriesStateAcrossClipsSoClipLengthDoesNotChangeTheResult() {
        TestSpeech.Utterances talk = TestSpeech.utterances("vad-three-utterances.wav", Duration.ofSeconds(1), Duration.ofSeconds(2),
                "The quick brown fox jumps over the lazy dog.",
                "Speech recognition turns voices into text.",
                "Silence separates these three sentences.");
        // 100 ms clips are not a multiple of the 32 ms window: windows straddle clip boundaries
        assertThat(detect(talk.wav(), Duration.ofMillis(100), VadOptions.DEFAULT))
                .isEqualTo(detect(talk.wav(), Duration.ofSeconds(30), VadOptions.DEFAULT));
    }

    @Test
    void hearsNoSpeechInAPureTone() {
        assertThat(detect(TestAudio.sineWav(), Duration.ofSeconds(1), VadOptions.DEFAULT)).isEmpty();
    }

    @Test
    void splitsSpeechLongerThanTheMaximumAtItsPauses() {
        List<SpeechSegment> speech = detect(TestSpeech.jfk(), Duration.ofSeconds(1), VadOptions.DEFAULT.withMaxSpeech(Duration.ofSeconds(4)));
        assertThat(speech).hasSizeGreaterThanOrEqualTo(3);
        assertThat(speech).allSatisfy(s -> assertThat(s.duration()).isLessThanOrEqualTo(Duration.ofMillis(4060)));
        for (int i = 1; i < speech.size(); i++) {
            assertThat(speech.get(i).start()).isGreaterThanOrEqualTo(speech.get(i - 1).end());
        }
    }

    @Test
    void shorterMinimumSilenceSplitsJfkAtHisPauses() {
        List<SpeechSegment> speech = detect(TestSpeech.jfk(), Duration.ofSeconds(1), VadOptions.DEFAULT.withMinSilence(Duration.ofMillis(300)));
        // "And so my fellow Americans" | "ask not" | "what your country can do for you" | "ask what you can do for your country"
        assertThat(speech).hasSizeBetween(3, 4);
        assertThat(seconds(speech.get(0).end())).isBetween(1.9, 2.5);
    }
}
