package io.visionpipeline.benchmarks.speech;

import io.visionpipeline.benchmarks.CpuMeter;
import io.visionpipeline.benchmarks.CpuTime;
import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.vad.SileroVad;
import io.visionpipeline.cpu.vad.VadOptions;
import io.visionpipeline.cpu.whisper.TestModels;
import io.visionpipeline.cpu.whisper.WhisperModel;
import io.visionpipeline.cpu.whisper.WhisperOptions;
import io.visionpipeline.cpu.whisper.WhisperSession;
import io.visionpipeline.cpu.whisper.WhisperTranscriber;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestSpeech;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Whisper on jfk.wav (11.0 s) with the generated tiny model (real ggml format, random weights, width
 * 64, one layer each way), greedy decoding without temperature fallback, one thread: what our
 * plumbing around whisper.cpp costs.
 * <ul>
 *   <li>{@code whisperCppCall}: the baseline, one {@code whisper_full_with_state} call on the whole
 *       clip in memory, reading its segments and tokens back ({@link WhisperSession});</li>
 *   <li>{@code speechStage}: the speech stage as the engine runs it: decoding the WAV, Silero VAD,
 *       cutting at its boundaries, the chunk on a worker thread, times mapped to media time.</li>
 * </ul>
 * Real-time factor = 11.0 s / time per operation. A real model costs far more inside whisper.cpp
 * (base is about 1000× the tiny model's arithmetic), so the plumbing's share only shrinks.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run WhisperBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class WhisperBenchmark {
    private static final WhisperOptions OPTIONS = new WhisperOptions("en", 1, 1, 0, false);

    private Path wav;
    private float[] samples;
    private WhisperModel model;
    private WhisperSession session;
    private WhisperTranscriber stage;

    /** Generates the tiny model, fetches jfk.wav and loads both paths. */
    @Setup
    public void setUp() {
        wav = TestSpeech.jfk();
        samples = TestAudio.read16k(wav);
        model = WhisperModel.open(TestModels.tinyWhisper(), "tiny-random");
        session = model.newSession();
        stage = WhisperTranscriber.open(WhisperModel.open(TestModels.tinyWhisper(), "tiny-random"),
                SileroVad.open(ModelStore.defaults()), VadOptions.DEFAULT, OPTIONS);
    }

    /** Frees the native states and models. */
    @TearDown
    public void tearDown() {
        stage.close();
        session.close();
        model.close();
    }

    /**
     * @param cpu counts the thread's CPU time (all the work runs on it)
     * @return segments of the whole clip
     */
    @Benchmark
    public int whisperCppCall(CpuTime cpu) {
        return CpuMeter.measure(cpu, () -> session.transcribe(samples, Duration.ZERO, OPTIONS, () -> false).segments().size());
    }

    /**
     * @return segments of the transcript (the chunk runs on a worker thread, so only wall-clock
     *         time is meaningful here)
     */
    @Benchmark
    public int speechStage() {
        try (AudioReader reader = AudioReader.open(MediaSource.of(wav), Duration.ofSeconds(1))) {
            return stage.process(reader.track()).segments().size();
        }
    }
}
