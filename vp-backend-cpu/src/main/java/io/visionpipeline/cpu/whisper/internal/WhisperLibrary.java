package io.visionpipeline.cpu.whisper.internal;

import com.sun.jna.Callback;
import com.sun.jna.Library;
import com.sun.jna.Pointer;

/**
 * The C API of whisper.cpp 1.7.1 ({@code include/whisper.h}), as far as VisionPipeline uses it,
 * bound with JNA to the {@code libwhisper} that whisper-jni 1.7.1 bundles and loads. Internal:
 * call it only through {@link WhisperNatives} and the classes of {@code cpu.whisper}, which check
 * every argument before it crosses into native code.
 */
public interface WhisperLibrary extends Library {

    /** {@code WHISPER_SAMPLING_GREEDY}. */
    int SAMPLING_GREEDY = 0;
    /** {@code WHISPER_SAMPLING_BEAM_SEARCH}. */
    int SAMPLING_BEAM_SEARCH = 1;

    /** {@code ggml_abort_callback}: return true to stop the computation. */
    interface AbortCallback extends Callback {
        /**
         * @param userData unused
         * @return true to abort
         */
        boolean invoke(Pointer userData);
    }

    /** {@code ggml_log_callback}. */
    interface LogCallback extends Callback {
        /**
         * @param level    ggml log level
         * @param text     the message (may be part of a line)
         * @param userData unused
         */
        void invoke(int level, Pointer text, Pointer userData);
    }

    Pointer whisper_context_default_params_by_ref();

    void whisper_free_context_params(Pointer params);

    Pointer whisper_init_from_file_with_params_no_state(String path, WhisperContextParams.ByValue params);

    Pointer whisper_init_state(Pointer ctx);

    void whisper_free(Pointer ctx);

    void whisper_free_state(Pointer state);

    Pointer whisper_full_default_params_by_ref(int strategy);

    void whisper_free_params(Pointer params);

    int whisper_full_with_state(Pointer ctx, Pointer state, WhisperFullParams.ByValue params, float[] samples, int nSamples);

    int whisper_full_n_segments_from_state(Pointer state);

    long whisper_full_get_segment_t0_from_state(Pointer state, int segment);

    long whisper_full_get_segment_t1_from_state(Pointer state, int segment);

    Pointer whisper_full_get_segment_text_from_state(Pointer state, int segment);

    int whisper_full_n_tokens_from_state(Pointer state, int segment);

    WhisperTokenData.ByValue whisper_full_get_token_data_from_state(Pointer state, int segment, int token);

    Pointer whisper_full_get_token_text_from_state(Pointer ctx, Pointer state, int segment, int token);

    int whisper_full_lang_id_from_state(Pointer state);

    String whisper_lang_str(int id);

    int whisper_lang_id(String lang);

    int whisper_is_multilingual(Pointer ctx);

    int whisper_token_eot(Pointer ctx);

    void whisper_log_set(LogCallback callback, Pointer userData);

    String whisper_print_system_info();
}
