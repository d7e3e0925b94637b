package io.visionpipeline.cpu.vad;

import ai.onnxruntime.OnnxTensor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.speech.SpeechSegment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Silero VAD v5 (MIT) on ONNX Runtime: finds the speech in 16 kHz mono audio. The model reads
 * windows of {@value #WINDOW} samples (32 ms), each with the last {@value #CONTEXT} samples of the
 * one before, and carries a recurrent state from window to window; {@link VadStream} does that
 * for one stream and turns the probabilities into {@link SpeechSegment}s ({@link VadOptions}).
 *
 * <pre>{@code
 * try (SileroVad vad = SileroVad.open(ModelStore.defaults());
 *      AudioReader audio = AudioReader.open(MediaSource.of(Path.of("talk.wav")), Duration.ofSeconds(1))) {
 *     List<SpeechSegment> speech = vad.detect(audio.track(), VadOptions.DEFAULT);
 * }
 * }</pre>
 *
 * One model serves any number of streams on any number of threads (ONNX Runtime sessions are
 * thread-safe); each stream is used by one thread.
 */
public final class SileroVad implements AutoCloseable {
    /** The model's id in the model store. */
    public static final String MODEL_ID = "silero-vad-v5";
    /** The model's file name in the model store. */
    public static final String FILE = "silero_vad_v5.onnx";
    /** Samples per window at 16 kHz, as Silero v5 expects. */
    public static final int WINDOW = 512;
    /** Samples of the previous window prepended to each window (Silero's {@code OnnxWrapper}). */
    public static final int CONTEXT = 64;
    /** Size of the recurrent state: [2, 1, 128]. */
    static final int STATE = 2 * 128;
    private static final long[] INPUT_SHAPE = {1, CONTEXT + WINDOW};
    private static final long[] STATE_SHAPE = {2, 1, 128};

    private final OnnxModel model;
    private final OnnxTensor sampleRate;

    private SileroVad(OnnxModel model) {
        this.model = model;
        this.sampleRate = model.tensor(new long[] {AudioClip.SPEECH_SAMPLE_RATE}, new long[] {1});
    }

    /**
     * @param store where to get the model (npm {@code @ricky0123/vad-web@0.0.31})
     * @return the detector; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when the model cannot be had
     */
    public static SileroVad open(ModelStore store) {
        return new SileroVad(OnnxModel.load(MODEL_ID, store.file(MODEL_ID, FILE), OnnxModel.Options.DEFAULT));
    }

    /**
     * @param options how probabilities become segments
     * @return a new stream: feed it one track's audio in order
     */
    public VadStream stream(VadOptions options) {
        return new VadStream(this, options);
    }

    /**
     * Finds the speech in a whole track.
     *
     * @param track   the audio, 16 kHz mono
     * @param options how probabilities become segments
     * @return the speech segments in media order
     */
    public List<SpeechSegment> detect(AudioTrack track, VadOptions options) {
        VadStream stream = stream(options);
        List<SpeechSegment> segments = new ArrayList<>();
        while (track.hasNext()) {
            segments.addAll(stream.accept(track.next()));
        }
        segments.addAll(stream.finish());
        return segments;
    }

    /**
     * Runs the model on one window.
     *
     * @param input {@value #CONTEXT} + {@value #WINDOW} samples
     * @param state the recurrent state, replaced by the next one
     * @return the window's speech probability
     */
    float probability(float[] input, float[] state) {
        try (OnnxTensor in = model.tensor(input, INPUT_SHAPE);
             OnnxTensor st = model.tensor(state, STATE_SHAPE);
             var out = model.run(Map.of("input", in, "state", st, "sr", sampleRate))) {
            model.floatsInto(out, "stateN", state);
            return model.floats(out, "output")[0];
        }
    }

    @Override
    public void close() {
        sampleRate.close();
        model.close();
    }
}
