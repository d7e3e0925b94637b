package io.visionpipeline.cpu.whisper;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.cpu.vad.SileroVad;
import io.visionpipeline.cpu.vad.VadOptions;
import io.visionpipeline.cpu.whisper.internal.WhisperNatives;
import io.visionpipeline.speech.SpeechTranscriber;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * The default {@code speech} provider, {@code whisper}: Silero VAD + Whisper on whisper.cpp.
 * Options: {@code model} (a name from {@link WhisperModels}, default {@value WhisperModels#DEFAULT},
 * or the path of a ggml file), {@code language} ({@code auto} or a code such as {@code en}),
 * {@code threads} (chunks at once), {@code threadsPerChunk}, {@code beamSize} (0 = greedy),
 * {@code temperatureFallback}, the VAD's {@code vad.*} options ({@link VadOptions#from}) and the
 * model store's {@code models.*} options.
 *
 * <pre>{@code
 * VisionPipeline.builder().stage(new StageSpec("speech", "whisper", Map.of("model", "small.en", "threads", "4")));
 * }</pre>
 */
@AutoService(StageProvider.class)
public final class WhisperProvider implements StageProvider<SpeechTranscriber> {

    @Override
    public StageKind<SpeechTranscriber> kind() {
        return StageKinds.SPEECH;
    }

    @Override
    public String name() {
        return "whisper";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        Availability onnx = OnnxRuntime.availability();
        if (!onnx.available()) {
            return onnx;
        }
        try {
            return WhisperNatives.availability();
        } catch (LinkageError e) {
            return Availability.unavailable("JNA (net.java.dev.jna:jna) is missing from the class path: " + e);
        }
    }

    @Override
    public Set<String> optionKeys() {
        Set<String> keys = new HashSet<>(WhisperOptions.OPTION_KEYS);
        keys.addAll(VadOptions.OPTION_KEYS);
        keys.add("model");
        return keys;
    }

    @Override
    public SpeechTranscriber create(StageOptions options) {
        WhisperOptions whisper = WhisperOptions.from(options);
        VadOptions vad = VadOptions.from(options);
        ModelStore store = ModelStore.fromOptions(options);
        String model = options.get("model", WhisperModels.DEFAULT);
        Path file = WhisperModels.resolve(model, store);
        WhisperModel loaded = WhisperModel.open(file, WhisperModels.displayId(model));
        SileroVad speech = null;
        try {
            speech = SileroVad.open(store);
            return WhisperTranscriber.open(loaded, speech, vad, whisper);
        } catch (RuntimeException e) {
            loaded.close();
            if (speech != null) {
                speech.close();
            }
            throw e;
        }
    }
}
