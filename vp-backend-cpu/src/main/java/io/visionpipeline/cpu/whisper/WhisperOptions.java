package io.visionpipeline.cpu.whisper;

import io.visionpipeline.stage.StageOptions;

import java.util.Locale;
import java.util.Set;

/**
 * How Whisper decodes: the language, the search, and the threads.
 *
 * @param language            an ISO 639-1 code ({@code en}, {@code de}, …) to transcribe in, or
 *                            {@code auto} to detect it per chunk; English-only models always use {@code en}
 * @param parallelChunks      chunks transcribed at once, each on its own thread and native state
 * @param threadsPerChunk     ggml threads inside one chunk's transcription; ggml runs them with OpenMP,
 *                            whose limit VisionPipeline sets to 1 unless {@code OMP_THREAD_LIMIT} is in
 *                            the JVM's environment (see {@code cpu.natives.OpenMp}): raise both together
 * @param beamSize            0 for greedy decoding, else the beam search width (whisper.cpp's CLI uses 5)
 * @param temperatureFallback whether a chunk that decodes badly (repetitive or unlikely text) is
 *                            decoded again at higher temperatures, as OpenAI's reference does
 */
public record WhisperOptions(String language, int parallelChunks, int threadsPerChunk, int beamSize, boolean temperatureFallback) {

    /** Language detection. */
    public static final String AUTO = "auto";
    /** Default chunks at once: one per core, at most 4. */
    public static final int DEFAULT_PARALLEL_CHUNKS = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    /** Defaults: detect the language, greedy decoding with temperature fallback, one thread per chunk. */
    public static final WhisperOptions DEFAULT = new WhisperOptions(AUTO, DEFAULT_PARALLEL_CHUNKS, 1, 0, true);
    /** Stage option keys read by {@link #from(StageOptions)}. */
    public static final Set<String> OPTION_KEYS = Set.of("language", "threads", "threadsPerChunk", "beamSize", "temperatureFallback");

    /** Validates and normalises the fields. */
    public WhisperOptions {
        language = language == null || language.isBlank() ? AUTO : language.trim().toLowerCase(Locale.ROOT);
        if (!language.equals(AUTO) && !language.matches("[a-z]{2,3}")) {
            throw new IllegalArgumentException("Option 'language' must be auto or a language code such as en, got '" + language + "'");
        }
        if (parallelChunks < 1 || parallelChunks > 64) {
            throw new IllegalArgumentException("Option 'threads' must be in 1..64, got " + parallelChunks);
        }
        if (threadsPerChunk < 1 || threadsPerChunk > 64) {
            throw new IllegalArgumentException("Option 'threadsPerChunk' must be in 1..64, got " + threadsPerChunk);
        }
        if (beamSize < 0 || beamSize > 16) {
            throw new IllegalArgumentException("Option 'beamSize' must be 0 (greedy) or up to 16, got " + beamSize);
        }
    }

    /**
     * @param options stage options {@code language}, {@code threads}, {@code threadsPerChunk},
     *                {@code beamSize}, {@code temperatureFallback}
     * @return the defaults with those applied
     * @throws IllegalArgumentException naming the option when a value is invalid
     */
    public static WhisperOptions from(StageOptions options) {
        return new WhisperOptions(options.get("language", AUTO), options.getInt("threads", DEFAULT_PARALLEL_CHUNKS),
                options.getInt("threadsPerChunk", 1), options.getInt("beamSize", 0),
                options.getBoolean("temperatureFallback", true));
    }

    /**
     * @param parallel chunks transcribed at once
     * @return these options with it
     */
    public WhisperOptions withParallelChunks(int parallel) {
        return new WhisperOptions(language, parallel, threadsPerChunk, beamSize, temperatureFallback);
    }
}
