package io.visionpipeline.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated audio files for tests. */
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
        int frames = rate * 2;
        ByteBuffer b = ByteBuffer.allocate(44 + frames * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + frames * 4).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 2).putInt(rate).putInt(rate * 4)
                .putShort((short) 4).putShort((short) 16);
        b.put("data".getBytes()).putInt(frames * 4);
        for (int i = 0; i < frames; i++) {
            short s = (short) (Math.sin(2 * Math.PI * 440 * i / rate) * 12000);
            b.putShort(s).putShort(s);
        }
        try {
            Path tmp = Files.write(file.resolveSibling(file.getFileName() + "." + ProcessHandle.current().pid()), b.array());
            return Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
