package io.visionpipeline.core.library;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.report.ReportJson;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * The files of a library folder besides its vector indexes: {@value #MANIFEST} (which models and
 * media it holds) and {@value #DOCUMENTS} (the text of every document, for keyword ranking and
 * snippets). Written like the indexes: a new file, synced, renamed over the old one.
 */
final class LibraryFiles {
    static final String MANIFEST = "library.json";
    static final String DOCUMENTS = "documents.json";
    static final String TEXT_INDEX = "text.vpi";
    static final int VERSION = 1;

    private static final ObjectMapper JSON = ReportJson.mapper();

    /**
     * @param version    layout version
     * @param textModel  the text embedder's model id
     * @param dimension  its vector length
     * @param imageModel the image embedder's model id, empty when none
     * @param media      media id → how many documents it has
     */
    record Manifest(int version, String textModel, int dimension, String imageModel, Map<String, Integer> media) {
    }

    /** One stored document; times in seconds. */
    record StoredDoc(String id, String media, String kind, double start, double end, String text) {
    }

    private LibraryFiles() {
    }

    static Manifest readManifest(Path dir) {
        return read(dir.resolve(MANIFEST), new TypeReference<>() { });
    }

    static List<StoredDoc> readDocuments(Path dir) {
        return read(dir.resolve(DOCUMENTS), new TypeReference<>() { });
    }

    static void write(Path file, Object value) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Path part = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName().toString(), ".part");
            try {
                JSON.writeValue(part.toFile(), value);
                try (FileChannel channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
                    channel.force(true);
                }
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot write library file " + file + ": " + e.getMessage(), e);
        }
    }

    private static <T> T read(Path file, TypeReference<T> type) {
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot read library file " + file + ": " + e.getMessage()
                    + " (the library folder is damaged: delete it and index the media again)", e);
        }
    }
}
