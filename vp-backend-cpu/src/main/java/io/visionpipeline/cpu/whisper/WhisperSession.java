package io.visionpipeline.cpu.whisper;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import io.visionpipeline.cpu.whisper.internal.WhisperFullParams;
import io.visionpipeline.cpu.whisper.internal.WhisperLibrary;
import io.visionpipeline.cpu.whisper.internal.WhisperNatives;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.speech.TranscriptToken;
import io.visionpipeline.stage.StageException;

import java.lang.ref.Reference;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;

/**
 * One thread's native decoding state on a {@link WhisperModel}: transcribes chunks of up to 30 s
 * and maps whisper.cpp's times (10 ms steps from the chunk's start) back to media time, for
 * segments and for each token. Use from one thread at a time.
 */
public final class WhisperSession implements AutoCloseable {
    /** Longest audio one call takes: Whisper's 30 s window. */
    public static final int MAX_SAMPLES = 30 * AudioClip.SPEECH_SAMPLE_RATE;
    private static final long TICK_NANOS = 10_000_000L;

    private final WhisperModel model;
    private Pointer state;

    WhisperSession(WhisperModel model, Pointer state) {
        this.model = model;
        this.state = state;
    }

    /**
     * @param samples 16 kHz mono audio, at most 30 s
     * @param start   media time of the first sample
     * @param options language, search and threads
     * @param abort   polled while whisper.cpp computes; true stops it
     * @return the chunk's segments in media time, clamped to the chunk
     * @throws CancellationException when stopped through {@code abort}
     * @throws StageException        when whisper.cpp fails
     */
    public ChunkTranscript transcribe(float[] samples, Duration start, WhisperOptions options, BooleanSupplier abort) {
        if (samples.length > MAX_SAMPLES) {
            throw new IllegalArgumentException("a chunk holds at most 30 s of 16 kHz audio, got " + samples.length + " samples");
        }
        if (state == null) {
            throw new IllegalStateException("the Whisper session is closed");
        }
        if (samples.length == 0) {
            return new ChunkTranscript("", List.of());
        }
        WhisperLibrary lib = model.lib();
        Pointer context = model.context();
        String language = model.hparams().multilingual() ? options.language() : "en";
        model.checkLanguage(language);
        Memory languageText = new Memory(language.length() + 1L);
        languageText.setString(0, language, "US-ASCII");
        WhisperLibrary.AbortCallback stop = data -> abort.getAsBoolean();
        WhisperFullParams.ByValue params = params(lib, options, languageText, stop);
        WhisperNatives.takeRecentLog();
        int result = lib.whisper_full_with_state(context, state, params, samples, samples.length);
        Reference.reachabilityFence(params);
        Reference.reachabilityFence(languageText);
        Reference.reachabilityFence(stop);
        if (abort.getAsBoolean()) {
            throw new CancellationException("transcription stopped");
        }
        if (result != 0) {
            throw new StageException("whisper.cpp failed (code " + result + ") on the chunk at " + seconds(start) + ": "
                    + WhisperNatives.takeRecentLog());
        }
        Duration end = start.plusNanos(samples.length * 1_000_000_000L / AudioClip.SPEECH_SAMPLE_RATE);
        return new ChunkTranscript(lib.whisper_lang_str(lib.whisper_full_lang_id_from_state(state)), segments(lib, context, start, end));
    }

    private static WhisperFullParams.ByValue params(WhisperLibrary lib, WhisperOptions options, Memory language,
                                                    WhisperLibrary.AbortCallback stop) {
        Pointer defaults = lib.whisper_full_default_params_by_ref(
                options.beamSize() > 0 ? WhisperLibrary.SAMPLING_BEAM_SEARCH : WhisperLibrary.SAMPLING_GREEDY);
        WhisperFullParams.ByValue p = new WhisperFullParams.ByValue(defaults);
        lib.whisper_free_params(defaults);
        p.n_threads = options.threadsPerChunk();
        p.no_context = 1;
        p.single_segment = 0;
        p.print_special = 0;
        p.print_progress = 0;
        p.print_realtime = 0;
        p.print_timestamps = 0;
        p.token_timestamps = 1;
        p.translate = 0;
        p.detect_language = 0;
        p.language = language;
        p.suppress_blank = 1;
        p.suppress_non_speech_tokens = 1;
        p.temperature_inc = options.temperatureFallback() ? p.temperature_inc : 0f;
        if (options.beamSize() > 0) {
            p.beam_search_beam_size = options.beamSize();
        }
        p.abort_callback = stop;
        return p;
    }

    private List<TranscriptSegment> segments(WhisperLibrary lib, Pointer context, Duration start, Duration end) {
        List<TranscriptSegment> segments = new ArrayList<>();
        int n = lib.whisper_full_n_segments_from_state(state);
        for (int i = 0; i < n; i++) {
            String text = utf8(lib.whisper_full_get_segment_text_from_state(state, i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            Duration from = clamp(start, lib.whisper_full_get_segment_t0_from_state(state, i), start, end);
            Duration to = clamp(start, lib.whisper_full_get_segment_t1_from_state(state, i), from, end);
            List<TranscriptToken> tokens = new ArrayList<>();
            double probabilities = 0;
            int count = lib.whisper_full_n_tokens_from_state(state, i);
            for (int j = 0; j < count; j++) {
                var data = lib.whisper_full_get_token_data_from_state(state, i, j);
                if (data.id >= model.endOfText()) {
                    continue;
                }
                double p = Math.max(0, Math.min(1, data.p));
                Duration t0 = clamp(start, data.t0, from, to);
                tokens.add(new TranscriptToken(utf8(lib.whisper_full_get_token_text_from_state(context, state, i, j)),
                        t0, clamp(start, data.t1, t0, to), p));
                probabilities += p;
            }
            segments.add(new TranscriptSegment(from, to, text, tokens.isEmpty() ? 0 : probabilities / tokens.size(), tokens));
        }
        return segments;
    }

    /** Media time of a whisper.cpp time (10 ms steps from the chunk start), kept within [min, max]. */
    private static Duration clamp(Duration chunkStart, long ticks, Duration min, Duration max) {
        Duration t = chunkStart.plusNanos(Math.max(0, ticks) * TICK_NANOS);
        return t.compareTo(min) < 0 ? min : t.compareTo(max) > 0 ? max : t;
    }

    private static String utf8(Pointer text) {
        if (text == null) {
            return "";
        }
        int n = 0;
        while (text.getByte(n) != 0) {
            n++;
        }
        return new String(text.getByteArray(0, n), StandardCharsets.UTF_8);
    }

    private static String seconds(Duration t) {
        return String.format(java.util.Locale.ROOT, "%.2f s", t.toNanos() / 1e9);
    }

    /** Frees the native state. Idempotent; not while a transcription runs. */
    @Override
    public void close() {
        Pointer s;
        synchronized (this) {
            s = state;
            state = null;
        }
        if (s != null) {
            model.released(this, s);
        }
    }
}
