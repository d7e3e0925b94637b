package io.visionpipeline.cpu.whisper;

import java.util.Arrays;
import java.util.Optional;

/**
 * The tensor element types of ggml (the {@code ggml_type} codes stored in model files), with their
 * block size and bytes per block, as the ggml bundled with whisper.cpp 1.7.1 defines them.
 */
enum GgmlType {
    F32(0, 1, 4),
    F16(1, 1, 2),
    Q4_0(2, 32, 18),
    Q4_1(3, 32, 20),
    Q5_0(6, 32, 22),
    Q5_1(7, 32, 24),
    Q8_0(8, 32, 34),
    Q2_K(10, 256, 84),
    Q3_K(11, 256, 110),
    Q4_K(12, 256, 144),
    Q5_K(13, 256, 176),
    Q6_K(14, 256, 210);

    private final int code;
    private final int blockSize;
    private final int blockBytes;

    GgmlType(int code, int blockSize, int blockBytes) {
        this.code = code;
        this.blockSize = blockSize;
        this.blockBytes = blockBytes;
    }

    /** @return the {@code ggml_type} code */
    int code() {
        return code;
    }

    /** @return elements per block: 1, or 32 / 256 for quantized types */
    int blockSize() {
        return blockSize;
    }

    /**
     * @param ne the tensor's dimensions, innermost first (ne[0] a multiple of the block size)
     * @return the bytes of a tensor of this type and shape
     */
    long bytes(long[] ne) {
        long n = blockBytes * (ne[0] / blockSize);
        for (int i = 1; i < ne.length; i++) {
            n *= ne[i];
        }
        return n;
    }

    /**
     * @param code a {@code ggml_type} code from a file
     * @return the type, if it is one whisper.cpp can load
     */
    static Optional<GgmlType> ofCode(int code) {
        return Arrays.stream(values()).filter(t -> t.code == code).findFirst();
    }

    /**
     * @param ftype a model's {@code ggml_ftype} (hparams {@code ftype} modulo 1000)
     * @return the type of its large matrices, as {@code ggml_ftype_to_ggml_type} maps it
     */
    static Optional<GgmlType> ofFileType(int ftype) {
        return Optional.ofNullable(switch (ftype) {
            case 0 -> F32;
            case 1 -> F16;
            case 2 -> Q4_0;
            case 3, 4 -> Q4_1;
            case 7 -> Q8_0;
            case 8 -> Q5_0;
            case 9 -> Q5_1;
            case 10 -> Q2_K;
            case 11 -> Q3_K;
            case 12 -> Q4_K;
            case 13 -> Q5_K;
            case 14 -> Q6_K;
            default -> null;
        });
    }
}
