package io.visionpipeline.cpu.whisper.internal;

import com.sun.jna.Structure;

/** {@code struct whisper_token_data} of whisper.cpp 1.7.1 (56 bytes), returned by value. */
@Structure.FieldOrder({"id", "tid", "p", "plog", "pt", "ptsum", "t0", "t1", "t_dtw", "vlen"})
public class WhisperTokenData extends Structure {
    public int id;
    public int tid;
    public float p;
    public float plog;
    public float pt;
    public float ptsum;
    public long t0;
    public long t1;
    public long t_dtw;
    public float vlen;

    /** Returned by whisper.cpp by value. */
    public static class ByValue extends WhisperTokenData implements Structure.ByValue {
    }
}
