package io.visionpipeline.cpu.whisper;

import java.nio.file.Path;

/** Test models of this package, for tests in other packages. */
public final class TestModels {
    private TestModels() {
    }

    /** @return the generated tiny Whisper model ({@link TinyWhisperModel}) */
    public static Path tinyWhisper() {
        return TinyWhisperModel.file();
    }
}
