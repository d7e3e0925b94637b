package io.visionpipeline.cpu.whisper;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.model.ModelUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Whisper models the speech stage knows by name, as whisper.cpp publishes them on Hugging Face
 * ({@code ggerganov/whisper.cpp}): {@code tiny}, {@code base}, {@code small}, each multilingual or
 * English-only ({@code .en}), in F16 or quantised to {@code q5_1} or {@code q8_0} — e.g.
 * {@code base.en}, {@code small-q5_1}, {@code tiny.en-q8_0}. A name resolves through the model
 * store (model id {@code whisper-<name>}: the cache, then the download with its pinned SHA-256
 * when downloads are allowed); anything else is taken as the path of a ggml model file.
 *
 * <pre>{@code
 * Path file = WhisperModels.resolve("base.en", ModelStore.defaults());   // whisper-base.en
 * Path mine = WhisperModels.resolve("/models/ggml-medium.bin", ModelStore.defaults());
 * }</pre>
 */
public final class WhisperModels {
    /** The default model: multilingual base (142 MB), with language detection. */
    public static final String DEFAULT = "base";
    /** Prefix of their ids in the model store. */
    public static final String ID_PREFIX = "whisper-";
    private static final List<String> NAMES;

    static {
        List<String> names = new ArrayList<>();
        for (String size : List.of("tiny", "base", "small")) {
            for (String language : List.of("", ".en")) {
                for (String quantisation : List.of("", "-q5_1", "-q8_0")) {
                    names.add(size + language + quantisation);
                }
            }
        }
        NAMES = List.copyOf(names);
    }

    private WhisperModels() {
    }

    /** @return every known model name, e.g. {@code base.en-q5_1} */
    public static List<String> names() {
        return NAMES;
    }

    /**
     * @param name a model name
     * @return its id in the model store, e.g. {@code whisper-base.en}
     */
    public static String modelId(String name) {
        return ID_PREFIX + name;
    }

    /**
     * @param name a model name
     * @return its file name, as published: {@code ggml-<name>.bin}
     */
    public static String fileName(String name) {
        return "ggml-" + name + ".bin";
    }

    /**
     * @param nameOrPath a known model name, or the path of a ggml model file
     * @param store      where named models come from
     * @return the model file (not yet validated: {@link WhisperModel#open} does that)
     * @throws ModelUnavailableException saying how to get it when it cannot be had
     */
    public static Path resolve(String nameOrPath, ModelStore store) {
        String name = nameOrPath.startsWith(ID_PREFIX) ? nameOrPath.substring(ID_PREFIX.length()) : nameOrPath;
        if (NAMES.contains(name)) {
            return store.file(modelId(name), fileName(name));
        }
        Path file = Path.of(nameOrPath);
        if (!Files.isRegularFile(file)) {
            throw new ModelUnavailableException(nameOrPath, "Unknown Whisper model '" + nameOrPath + "': neither a model name ("
                    + String.join(", ", NAMES) + ") nor an existing ggml model file");
        }
        return file;
    }

    /**
     * @param nameOrPath a model name or file path
     * @return the id to report: {@code whisper-<name>}, or the file name
     */
    static String displayId(String nameOrPath) {
        String name = nameOrPath.startsWith(ID_PREFIX) ? nameOrPath.substring(ID_PREFIX.length()) : nameOrPath;
        return NAMES.contains(name) ? modelId(name) : Path.of(nameOrPath).getFileName().toString();
    }
}
