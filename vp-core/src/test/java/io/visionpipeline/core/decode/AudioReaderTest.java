package io.visionpipeline.core.decode;

import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestSpeech;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
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

    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
            "wav, pcm_s16le, 44100, 2",
            "mp3, libmp3lame, 44100, 2",
            "flac, flac, 48000, 1",
            "ogg, libvorbis, 48000, 2",
            "opus, libopus, 48000, 1",
            "m4a, aac, 44100, 2",
            "mp4, aac, 48000, 2",
            "mov, aac, 44100, 1",
            "mkv, libopus, 48000, 2",
            "webm, libvorbis, 44100, 1",
            "avi, libmp3lame, 22050, 1"})
    void decodesSpeechFromEveryCommonContainerTo16kHzMonoWithItsTiming(String container, String codec, int rate, int channels) {
        Path original = TestSpeech.utterances("containers-source.wav", Duration.ofMillis(500), Duration.ofSeconds(1),
                "Every container carries the same words.", "Decoding must keep their timing.").wav();
        boolean video = List.of("mp4", "mov", "mkv", "webm", "avi").contains(container);
        List<String> args = new ArrayList<>();
        if (video) {
            args.addAll(List.of("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=10"));
        }
        args.addAll(List.of("-i", original.toString(), "-shortest", "-c:a", codec, "-ar", Integer.toString(rate), "-ac", Integer.toString(channels)));
        if (video) {
            args.addAll(List.of("-c:v", container.equals("webm") ? "libvpx" : "mpeg4"));
        }
        Path encoded = TestVideos.ffmpeg("speech-" + codec + "-" + rate + "-" + channels + "." + container, args.toArray(String[]::new));

        float[] reference = TestAudio.read16k(original);
        List<AudioClip> clips = readAll(MediaSource.of(encoded), Duration.ofSeconds(1));
        assertThat(clips).allSatisfy(c -> assertThat(c.sampleRate()).isEqualTo(16_000));
        float[] decoded = concat(clips);
        // lossy codecs keep the loudness envelope: compare 20 ms RMS envelopes, allowing the codec's delay
        // (MP3 in AVI keeps the encoder's priming, about 70 ms, that no AVI field removes)
        assertThat(decoded.length).isCloseTo(reference.length, within(video ? 1_600 : 800));
        double[] best = bestEnvelopeMatch(envelope(reference), envelope(decoded), 5);
        assertThat(best[0]).as("envelope correlation").isGreaterThan(0.95);
        assertThat(Math.abs(best[1])).as("delay in 20 ms steps").isLessThanOrEqualTo(4);
    }

    private static float[] concat(List<AudioClip> clips) {
        float[] all = new float[clips.stream().mapToInt(c -> c.samples().length).sum()];
        int at = 0;
        for (AudioClip c : clips) {
            System.arraycopy(c.samples(), 0, all, at, c.samples().length);
            at += c.samples().length;
        }
        return all;
    }

    private static double[] envelope(float[] samples) {
        double[] e = new double[samples.length / 320];
        for (int w = 0; w < e.length; w++) {
            double sum = 0;
            for (int i = w * 320; i < (w + 1) * 320; i++) {
                sum += samples[i] * samples[i];
            }
            e[w] = Math.sqrt(sum / 320);
        }
        return e;
    }

    /** @return {best Pearson correlation, its lag in windows} over lags within ±maxLag */
    private static double[] bestEnvelopeMatch(double[] a, double[] b, int maxLag) {
        double[] best = {-1, 0};
        for (int lag = -maxLag; lag <= maxLag; lag++) {
            int n = Math.min(a.length, b.length) - Math.abs(lag);
            double sa = 0, sb = 0, saa = 0, sbb = 0, sab = 0;
            for (int i = 0; i < n; i++) {
                double x = a[i + Math.max(0, -lag)];
                double y = b[i + Math.max(0, lag)];
                sa += x;
                sb += y;
                saa += x * x;
                sbb += y * y;
                sab += x * y;
            }
            double r = (n * sab - sa * sb) / Math.sqrt((n * saa - sa * sa) * (n * sbb - sb * sb));
            if (r > best[0]) {
                best = new double[] {r, lag};
            }
        }
        return best;
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
