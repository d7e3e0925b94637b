package io.visionpipeline.cpu.whisper.internal;

import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct whisper_full_params} of whisper.cpp 1.7.1 (264 bytes on 64-bit platforms), field
 * by field in the header's order; C {@code bool} is a byte, {@code size_t} a long. Filled from
 * {@code whisper_full_default_params_by_ref} and passed to {@code whisper_full_with_state} by value.
 */
@Structure.FieldOrder({"strategy", "n_threads", "n_max_text_ctx", "offset_ms", "duration_ms",
        "translate", "no_context", "no_timestamps", "single_segment", "print_special", "print_progress",
        "print_realtime", "print_timestamps", "token_timestamps", "thold_pt", "thold_ptsum", "max_len",
        "split_on_word", "max_tokens", "debug_mode", "audio_ctx", "tdrz_enable", "suppress_regex",
        "initial_prompt", "prompt_tokens", "prompt_n_tokens", "language", "detect_language", "suppress_blank",
        "suppress_non_speech_tokens", "temperature", "max_initial_ts", "length_penalty", "temperature_inc",
        "entropy_thold", "logprob_thold", "no_speech_thold", "greedy_best_of", "beam_search_beam_size",
        "beam_search_patience", "new_segment_callback", "new_segment_callback_user_data", "progress_callback",
        "progress_callback_user_data", "encoder_begin_callback", "encoder_begin_callback_user_data",
        "abort_callback", "abort_callback_user_data", "logits_filter_callback", "logits_filter_callback_user_data",
        "grammar_rules", "n_grammar_rules", "i_start_rule", "grammar_penalty"})
public class WhisperFullParams extends Structure {
    /** Size of the struct in whisper.cpp 1.7.1 on 64-bit platforms. */
    public static final int SIZE = 264;

    public int strategy;
    public int n_threads;
    public int n_max_text_ctx;
    public int offset_ms;
    public int duration_ms;
    public byte translate;
    public byte no_context;
    public byte no_timestamps;
    public byte single_segment;
    public byte print_special;
    public byte print_progress;
    public byte print_realtime;
    public byte print_timestamps;
    public byte token_timestamps;
    public float thold_pt;
    public float thold_ptsum;
    public int max_len;
    public byte split_on_word;
    public int max_tokens;
    public byte debug_mode;
    public int audio_ctx;
    public byte tdrz_enable;
    public Pointer suppress_regex;
    public Pointer initial_prompt;
    public Pointer prompt_tokens;
    public int prompt_n_tokens;
    public Pointer language;
    public byte detect_language;
    public byte suppress_blank;
    public byte suppress_non_speech_tokens;
    public float temperature;
    public float max_initial_ts;
    public float length_penalty;
    public float temperature_inc;
    public float entropy_thold;
    public float logprob_thold;
    public float no_speech_thold;
    public int greedy_best_of;
    public int beam_search_beam_size;
    public float beam_search_patience;
    public Pointer new_segment_callback;
    public Pointer new_segment_callback_user_data;
    public Pointer progress_callback;
    public Pointer progress_callback_user_data;
    public Pointer encoder_begin_callback;
    public Pointer encoder_begin_callback_user_data;
    public WhisperLibrary.AbortCallback abort_callback;
    public Pointer abort_callback_user_data;
    public Pointer logits_filter_callback;
    public Pointer logits_filter_callback_user_data;
    public Pointer grammar_rules;
    public long n_grammar_rules;
    public long i_start_rule;
    public float grammar_penalty;

    /** Passed to whisper.cpp by value. */
    public static class ByValue extends WhisperFullParams implements Structure.ByValue {
        /** @param defaults a struct whisper.cpp filled, copied into this one */
        public ByValue(Pointer defaults) {
            super(defaults);
        }

        /** For JNA's reflection. */
        public ByValue() {
        }
    }

    /** For JNA's reflection. */
    public WhisperFullParams() {
    }

    WhisperFullParams(Pointer defaults) {
        super();
        useMemory(defaults);
        read();
        useMemory(new Memory(size()));
        write();
    }
}
