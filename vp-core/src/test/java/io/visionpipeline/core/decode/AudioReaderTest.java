package io.visionpipeline.core.decode;

import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AudioReaderTest {

    @Test
    void resamplesStereo44kWavTo16kMonoClipsWithContinuousTimes() {
        List<AudioClip> clips = readAll(MediaSource.of(TestAudio.sineWav()), Duration.ofMillis(500));
        assertThat(clips).hasSize(4);
        assertThat(clips).allSatisfy(c -> assertThat(c.sampleRate()).isEqualTo(16_000));
        assertThat(clips.get(0).samples()).hasSize(8000);
        assertThat(clips.get(1).start()).isEqualTo(Duration.ofMillis(500));
        assertThat(clips.stream().mapToInt(c -> c.samples().length).sum()).isCloseTo(32_000, within(200));
        // FFmpeg's standard stereo downmix adds both channels at -3 dB, as `ffmpeg -ac 1` does (measured
        // with `ffmpeg -i sine.wav -ar 16000 -ac 1 -f f32le -`: RMS 0.3662 for this file)
        float[] s = clips.get(1).samples();
        double rms = Math.sqrt(java.util.stream.IntStream.range(0, s.length).mapToDouble(i -> s[i] * s[i]).sum() / s.length);
        assertThat(rms).isCloseTo(0.3662, within(0.005));
    }

    @Test
    void readsTheAudioTrackOfAVideo() {
        List<AudioClip> clips = readAll(MediaSource.of(TestMedia.opencv("Megamind.avi")), Duration.ofSeconds(5));
        assertThat(clips).hasSize(3);
        assertThat(clips.get(2).end().toMillis()).isCloseTo(11_261L, within(150L));
    }

    @Test
    void yieldsNoClipsForAVideoWithoutAudio() {
        assertThat(readAll(MediaSource.of(TestMedia.opencv("vtest.avi")), Duration.ofSeconds(5))).isEmpty();
    }

    private static List<AudioClip> readAll(MediaSource source, Duration clip) {
        List<AudioClip> clips = new ArrayList<>();
        try (AudioReader reader = AudioReader.open(source, clip)) {
            for (AudioClip c = reader.next(); c != null; c = reader.next()) {
                clips.add(c);
            }
        }
        return clips;
    }
}
