package io.visionpipeline.benchmarks.speech;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.benchmarks.CpuMeter;
import io.visionpipeline.benchmarks.CpuTime;
import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.cpu.vad.SileroVad;
import io.visionpipeline.cpu.vad.VadOptions;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.testing.TestAudio;
import io.visionpipeline.testing.TestSpeech;
import io.visionpipeline.testing.TestVideos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Silero VAD v5 over jfk.wav (11.0 s of speech, and the same six times over: 66 s), on one thread
 * with one ONNX Runtime intra-op thread, five ways:
 * <ul>
 *   <li>{@code bareOnnxRuntime}: the baseline, ONNX Runtime's Java API alone on samples already in
 *       memory, windows of 512 samples with Silero's 64-sample context and the state carried, as
 *       the reference {@code OnnxWrapper} does; nothing else;</li>
 *   <li>{@code vadOnClips}: {@link SileroVad} on the same samples as 1 s clips: windowing across
 *       clip boundaries, state, hysteresis and segments;</li>
 *   <li>{@code vadDecoding16kWav}: plus opening and decoding the 16 kHz WAV with {@link AudioReader};</li>
 *   <li>{@code vadResampling44kWav}: plus resampling and down-mixing a 44.1 kHz stereo WAV copy;</li>
 *   <li>{@code vadDecodingAac44k}: plus decoding a 44.1 kHz stereo AAC (.m4a) copy, as for most
 *       real media (codec work the budget below does not include).</li>
 * </ul>
 * Real-time factor = audio length / time per operation, from the wall-clock score on a quiet machine,
 * or from the benchmark thread's CPU time per operation ({@link CpuTime}: cpuMicros / calls) on a
 * shared one. Target: {@code vadResampling44kWav} at most 1.4× {@code bareOnnxRuntime} (our
 * streaming, resampling and state handling), and at least 200× real time on one core.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am &amp;&amp; benchmarks/run VadBenchmark -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class VadBenchmark {
    /** jfk.wav as it is (11 s), or six times over (66 s: per-file costs spread like in longer media). */
    @Param({"jfk-11s", "jfk-66s"})
    public String audio;

    private Path wav16k;
    private Path wav44k;
    private Path m4a44k;
    private float[] samples;
    private List<AudioClip> clips;
    private MediaInfo media;
    private SileroVad vad;
    private OrtSession session;
    private OnnxTensor sampleRate;

    /**
     * Fetches jfk.wav, makes the longer and the 44.1 kHz stereo copies, decodes the samples once and
     * loads the model both ways.
     *
     * @throws OrtException when ONNX Runtime cannot load the model
     */
    @Setup
    public void setUp() throws OrtException {
        Path jfk = TestSpeech.jfk();
        wav16k = audio.equals("jfk-11s") ? jfk : TestVideos.ffmpeg("bench-" + audio + ".wav", "-stream_loop", "5", "-i", jfk.toString());
        wav44k = TestVideos.ffmpeg("bench-" + audio + "-44k-stereo.wav", "-i", wav16k.toString(), "-ar", "44100", "-ac", "2");
        m4a44k = TestVideos.ffmpeg("bench-" + audio + "-44k-stereo.m4a", "-i", wav16k.toString(), "-ar", "44100", "-ac", "2", "-c:a", "aac");
        samples = TestAudio.read16k(wav16k);
        clips = new ArrayList<>();
        for (int at = 0; at < samples.length; at += AudioClip.SPEECH_SAMPLE_RATE) {
            float[] clip = java.util.Arrays.copyOfRange(samples, at, Math.min(samples.length, at + AudioClip.SPEECH_SAMPLE_RATE));
            clips.add(new AudioClip(clip, AudioClip.SPEECH_SAMPLE_RATE, Duration.ofSeconds(at / AudioClip.SPEECH_SAMPLE_RATE)));
        }
        try (AudioReader reader = AudioReader.open(MediaSource.of(wav16k), Duration.ofSeconds(1))) {
            media = reader.media();
        }
        ModelStore store = ModelStore.defaults();
        vad = SileroVad.open(store);
        OrtEnvironment env = OnnxRuntime.environment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(store.file(SileroVad.MODEL_ID, SileroVad.FILE).toString(), options);
        }
        sampleRate = OnnxTensor.createTensor(env, LongBuffer.wrap(new long[] {AudioClip.SPEECH_SAMPLE_RATE}), new long[] {1});
    }

    /**
     * Closes the sessions.
     *
     * @throws OrtException when ONNX Runtime fails to close
     */
    @TearDown
    public void tearDown() throws OrtException {
        vad.close();
        sampleRate.close();
        session.close();
    }

    /**
     * @param cpu counts the thread's CPU time
     * @return windows judged as speech
     */
    @Benchmark
    public int bareOnnxRuntime(CpuTime cpu) {
        return CpuMeter.measure(cpu, this::bareWindows);
    }

    private int bareWindows() {
        try {
            return bareWindowsOrThrow();
        } catch (OrtException e) {
            throw new IllegalStateException(e);
        }
    }

    private int bareWindowsOrThrow() throws OrtException {
        OrtEnvironment env = OnnxRuntime.environment();
        float[] input = new float[SileroVad.CONTEXT + SileroVad.WINDOW];
        float[] state = new float[256];
        int speech = 0;
        for (int at = 0; at + SileroVad.WINDOW <= samples.length; at += SileroVad.WINDOW) {
            System.arraycopy(samples, at, input, SileroVad.CONTEXT, SileroVad.WINDOW);
            try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), new long[] {1, input.length});
                 OnnxTensor st = OnnxTensor.createTensor(env, FloatBuffer.wrap(state), new long[] {2, 1, 128});
                 OrtSession.Result out = session.run(Map.of("input", in, "state", st, "sr", sampleRate))) {
                ((OnnxTensor) out.get("stateN").orElseThrow()).getFloatBuffer().get(state);
                if (((OnnxTensor) out.get("output").orElseThrow()).getFloatBuffer().get(0) >= 0.5f) {
                    speech++;
                }
            }
            System.arraycopy(input, SileroVad.WINDOW, input, 0, SileroVad.CONTEXT);
        }
        return speech;
    }

    /**
     * @param cpu counts the thread's CPU time
     * @return speech segments found in the in-memory clips
     */
    @Benchmark
    public int vadOnClips(CpuTime cpu) {
        return CpuMeter.measure(cpu, () -> vad.detect(AudioTrack.of(media, clips), VadOptions.DEFAULT).size());
    }

    /**
     * @param cpu counts the thread's CPU time
     * @return speech segments found while decoding the 16 kHz WAV
     */
    @Benchmark
    public int vadDecoding16kWav(CpuTime cpu) {
        return CpuMeter.measure(cpu, () -> detect(wav16k));
    }

    /**
     * @param cpu counts the thread's CPU time
     * @return speech segments found while resampling a 44.1 kHz stereo WAV to 16 kHz mono
     */
    @Benchmark
    public int vadResampling44kWav(CpuTime cpu) {
        return CpuMeter.measure(cpu, () -> detect(wav44k));
    }

    /**
     * @param cpu counts the thread's CPU time
     * @return speech segments found while decoding and resampling a 44.1 kHz stereo AAC
     */
    @Benchmark
    public int vadDecodingAac44k(CpuTime cpu) {
        return CpuMeter.measure(cpu, () -> detect(m4a44k));
    }

    private int detect(Path file) {
        try (AudioReader reader = AudioReader.open(MediaSource.of(file), Duration.ofSeconds(1))) {
            return vad.detect(reader.track(), VadOptions.DEFAULT).size();
        }
    }
}
