package io.visionpipeline.cpu.whisper;

import com.sun.jna.Pointer;
import io.visionpipeline.cpu.whisper.internal.WhisperContextParams;
import io.visionpipeline.cpu.whisper.internal.WhisperLibrary;
import io.visionpipeline.cpu.whisper.internal.WhisperNatives;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.stage.StageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A whisper.cpp model loaded into native memory: the weights, shared read-only by any number of
 * {@link WhisperSession}s, each of which owns the native decoding state (KV caches, mel buffer,
 * compute buffers) of one thread. The file is validated in Java ({@link GgmlWhisperFile}) before
 * whisper.cpp sees it, so a wrong, empty or truncated file is a {@link ModelUnavailableException},
 * never a crash.
 *
 * <pre>{@code
 * try (WhisperModel model = WhisperModel.open(Path.of("ggml-base.en.bin"), "whisper-base.en");
 *      WhisperSession session = model.newSession()) {
 *     ChunkTranscript t = session.transcribe(samples16k, Duration.ZERO, WhisperOptions.DEFAULT, () -> false);
 * }
 * }</pre>
 *
 * Closing the model frees its sessions and weights; it must not be in use then.
 */
public final class WhisperModel implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WhisperModel.class);

    private final String id;
    private final Path file;
    private final WhisperHparams hparams;
    private final WhisperLibrary lib;
    private final int endOfText;
    private final List<WhisperSession> sessions = new ArrayList<>();
    private Pointer context;

    private WhisperModel(String id, Path file, WhisperHparams hparams, WhisperLibrary lib, Pointer context) {
        this.id = id;
        this.file = file;
        this.hparams = hparams;
        this.lib = lib;
        this.context = context;
        this.endOfText = lib.whisper_token_eot(context);
    }

    /**
     * Validates a model file and loads it.
     *
     * @param file    a whisper.cpp ggml model ({@code ggml-base.en.bin}, …)
     * @param modelId its name, for messages
     * @return the loaded model; close it
     * @throws ModelUnavailableException naming the file when it is not a usable model or
     *                                   whisper.cpp cannot run here
     */
    public static WhisperModel open(Path file, String modelId) {
        WhisperHparams hparams = GgmlWhisperFile.validate(file, modelId);
        WhisperLibrary lib;
        try {
            lib = WhisperNatives.library();
        } catch (IllegalStateException e) {
            throw new ModelUnavailableException(modelId, "whisper.cpp cannot run here: " + e.getMessage(), e);
        }
        Pointer defaults = lib.whisper_context_default_params_by_ref();
        WhisperContextParams.ByValue params = new WhisperContextParams.ByValue(defaults);
        lib.whisper_free_context_params(defaults);
        params.use_gpu = 0;
        params.flash_attn = 0;
        WhisperNatives.takeRecentLog();
        Pointer context = lib.whisper_init_from_file_with_params_no_state(file.toAbsolutePath().toString(), params);
        if (context == null) {
            throw new ModelUnavailableException(modelId, "whisper.cpp could not load Whisper model '" + modelId + "' from " + file
                    + ": " + WhisperNatives.takeRecentLog());
        }
        LOG.info("Whisper model {} loaded from {}: {}", modelId, file, hparams);
        return new WhisperModel(modelId, file, hparams, lib, context);
    }

    /** @return the model's name */
    public String id() {
        return id;
    }

    /** @return the file it was loaded from */
    public Path file() {
        return file;
    }

    /** @return its hyper-parameters */
    public WhisperHparams hparams() {
        return hparams;
    }

    /**
     * @return a new decoding state for one thread; closed with the model at the latest
     * @throws StageException when whisper.cpp cannot allocate it (out of memory)
     */
    public synchronized WhisperSession newSession() {
        if (context == null) {
            throw new IllegalStateException("Whisper model '" + id + "' is closed");
        }
        Pointer state = lib.whisper_init_state(context);
        if (state == null) {
            throw new StageException("whisper.cpp cannot allocate a decoding state for '" + id + "': " + WhisperNatives.takeRecentLog());
        }
        WhisperSession session = new WhisperSession(this, state);
        sessions.add(session);
        return session;
    }

    /**
     * @param language an ISO 639-1 code, or {@link WhisperOptions#AUTO}
     * @throws IllegalArgumentException when whisper.cpp does not know the language
     */
    public void checkLanguage(String language) {
        if (!language.equals(WhisperOptions.AUTO) && lib.whisper_lang_id(language) < 0) {
            WhisperNatives.takeRecentLog();
            throw new IllegalArgumentException("Option 'language': Whisper does not know the language '" + language
                    + "'; use auto or a code such as en, de, fr, es, zh, ja");
        }
    }

    /** @return native decoding states held now: one per thread that has transcribed with this model */
    public synchronized int openSessions() {
        return sessions.size();
    }

    WhisperLibrary lib() {
        return lib;
    }

    synchronized Pointer context() {
        if (context == null) {
            throw new IllegalStateException("Whisper model '" + id + "' is closed");
        }
        return context;
    }

    /** @return the end-of-text token: ids from it on are special (timestamps, language, task) */
    int endOfText() {
        return endOfText;
    }

    synchronized void released(WhisperSession session, Pointer state) {
        sessions.remove(session);
        lib.whisper_free_state(state);
    }

    /** Frees every session's state and the weights. Idempotent; the model must not be in use. */
    @Override
    public synchronized void close() {
        for (WhisperSession session : new ArrayList<>(sessions)) {
            session.close();
        }
        if (context != null) {
            lib.whisper_free(context);
            context = null;
        }
    }

    @Override
    public String toString() {
        return id + " (" + hparams + ")";
    }
}
