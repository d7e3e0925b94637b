package io.visionpipeline.cpu.ocr.tesseract;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.model.ModelUnavailableException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds a folder holding the {@code <language>.traineddata} files Tesseract needs. In order: the
 * folder the user names (option {@code tessdata}); for English alone, the model store's
 * {@value #ENGLISH_MODEL_ID} (the file bundled in the tess4j jar, SHA-256 pinned, so results do
 * not depend on the machine); the folder in {@code TESSDATA_PREFIX}; the folders Linux
 * distributions and Homebrew install language packs into. The first folder that has every
 * language wins.
 */
final class TessData {
    /** Model store id of the English model. */
    static final String ENGLISH_MODEL_ID = "tesseract-eng";
    /** Where distributions put language packs (Debian/Ubuntu {@code tesseract-ocr-*}, Fedora, Homebrew). */
    static final List<Path> SYSTEM_FOLDERS = List.of(
            Path.of("/usr/share/tesseract-ocr/5/tessdata"), Path.of("/usr/share/tesseract-ocr/4.00/tessdata"),
            Path.of("/usr/share/tessdata"), Path.of("/usr/local/share/tessdata"), Path.of("/opt/homebrew/share/tessdata"));

    private TessData() {
    }

    /**
     * @param languages  Tesseract language codes joined by {@code +}, e.g. {@code eng+deu}
     * @param configured the folder the user named, or null
     * @param store      the model store
     * @return a folder holding every language's file
     * @throws ModelUnavailableException naming the missing languages and how to install them
     */
    static Path folder(String languages, Path configured, ModelStore store) {
        List<String> codes = List.of(languages.split("\\+"));
        if (configured != null) {
            List<String> missing = missing(configured, codes);
            if (!missing.isEmpty()) {
                throw unavailable(languages, missing, "the configured tessdata folder " + configured + " lacks " + files(missing));
            }
            return configured;
        }
        if (codes.equals(List.of("eng"))) {
            return store.file(ENGLISH_MODEL_ID, "eng.traineddata").getParent();
        }
        List<Path> candidates = new ArrayList<>();
        String prefix = System.getenv("TESSDATA_PREFIX");
        if (prefix != null && !prefix.isBlank()) {
            candidates.add(Path.of(prefix));
        }
        candidates.addAll(SYSTEM_FOLDERS);
        for (Path folder : candidates) {
            if (Files.isDirectory(folder) && missing(folder, codes).isEmpty()) {
                return folder;
            }
        }
        List<String> missing = new ArrayList<>(codes);
        for (Path folder : candidates) {
            if (Files.isDirectory(folder)) {
                missing.retainAll(missing(folder, codes));
            }
        }
        List<String> absent = missing.isEmpty() ? codes : missing;
        throw unavailable(languages, absent, "no folder has " + files(absent) + " (searched TESSDATA_PREFIX and " + candidates + ")");
    }

    private static List<String> missing(Path folder, List<String> codes) {
        return codes.stream().filter(c -> !Files.isRegularFile(folder.resolve(c + ".traineddata"))).toList();
    }

    private static String files(List<String> codes) {
        return String.join(", ", codes.stream().map(c -> c + ".traineddata").toList());
    }

    private static ModelUnavailableException unavailable(String languages, List<String> missing, String why) {
        String packages = String.join(" ", missing.stream().map(c -> "tesseract-ocr-" + c.toLowerCase(Locale.ROOT).replace('_', '-')).toList());
        return new ModelUnavailableException("tesseract-" + languages, "Tesseract languages '" + languages + "' are not available: " + why
                + ". Install them ('sudo apt-get install " + packages + "' on Debian/Ubuntu), or download the .traineddata files "
                + "from github.com/tesseract-ocr/tessdata_fast into a folder and set the stage option tessdata=<folder>");
    }
}
