package io.visionpipeline.cpu.whisper.internal;

import com.sun.jna.Pointer;
import com.sun.jna.Structure;

/**
 * {@code struct whisper_context_params} of whisper.cpp 1.7.1 (48 bytes on 64-bit platforms).
 * Field names follow the C struct so the layout can be read against the header.
 */
@Structure.FieldOrder({"use_gpu", "flash_attn", "gpu_device", "dtw_token_timestamps", "dtw_aheads_preset",
        "dtw_n_top", "dtw_aheads_n_heads", "dtw_aheads_heads", "dtw_mem_size"})
public class WhisperContextParams extends Structure {
    /** Size of the struct in whisper.cpp 1.7.1 on 64-bit platforms. */
    public static final int SIZE = 48;

    public byte use_gpu;
    public byte flash_attn;
    public int gpu_device;
    public byte dtw_token_timestamps;
    public int dtw_aheads_preset;
    public int dtw_n_top;
    public long dtw_aheads_n_heads;
    public Pointer dtw_aheads_heads;
    public long dtw_mem_size;

    /** Passed to whisper.cpp by value. */
    public static class ByValue extends WhisperContextParams implements Structure.ByValue {
        /** @param defaults a struct whisper.cpp filled, copied into this one */
        public ByValue(Pointer defaults) {
            super(defaults);
        }

        /** For JNA's reflection. */
        public ByValue() {
        }
    }

    /** For JNA's reflection. */
    public WhisperContextParams() {
    }

    WhisperContextParams(Pointer memory) {
        super();
        useMemory(memory);
        read();
        Pointer own = new com.sun.jna.Memory(size());
        useMemory(own);
        write();
    }
}
