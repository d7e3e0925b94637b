package io.visionpipeline.testing;

import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.MediaSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;

/** Generated audio files for tests, and small helpers to read and write 16-bit PCM WAV. */
public final class TestAudio {
    private TestAudio() {
    }

    /** @return a 2 s 440 Hz sine as a 44.1 kHz stereo 16-bit WAV (cached) */
    public static Path sineWav() {
        Path file = TestMedia.generatedDir().resolve("sine-440hz-44k-stereo.wav");
        if (Files.isRegularFile(file)) {
            return file;
        }
        int rate = 44_100;
        float[] stereo = new float[rate * 2 * 2];
        for (int i = 0; i < rate * 2; i++) {
            stereo[2 * i] = stereo[2 * i + 1] = (float) (Math.sin(2 * Math.PI * 440 * i / rate) * 12000 / 32768.0);
        }
        return writeWav(file, stereo, rate, 2);
    }

    /**
     * Writes samples as a 16-bit PCM WAV, atomically.
     *
     * @param file     where
     * @param samples  interleaved samples in [-1, 1]
     * @param rate     sample rate
     * @param channels channel count
     * @return the file
     */
    public static Path writeWav(Path file, float[] samples, int rate, int channels) {
        ByteBuffer b = ByteBuffer.allocate(44 + samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + samples.length * 2).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * 2).putShort((short) (channels * 2)).putShort((short) 16);
        b.put("data".getBytes()).putInt(samples.length * 2);
        for (float s : samples) {
            b.putShort((short) Math.round(Math.max(-1, Math.min(1, s)) * 32767));
        }
        try {
            Path tmp = Files.write(file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid()), b.array());
            return Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param file any media with audio
     * @return its audio as 16 kHz mono samples, decoded by the engine's reader
     */
    public static float[] read16k(Path file) {
        float[] all = new float[0];
        try (AudioReader reader = AudioReader.open(MediaSource.of(file), Duration.ofSeconds(10))) {
            for (AudioClip clip = reader.next(); clip != null; clip = reader.next()) {
                int at = all.length;
                all = Arrays.copyOf(all, at + clip.samples().length);
                System.arraycopy(clip.samples(), 0, all, at, clip.samples().length);
            }
        }
        return all;
    }
}
