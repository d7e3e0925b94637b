package io.visionpipeline.core.model;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Turns source files into a model file, for catalog entries that are converted rather than
 * downloaded as they are ({@code {"convert": "<name>", "from": [files…]}}): the model store fetches
 * and verifies the input files into one folder, runs the converter once, checksums its output
 * and caches it like any other file. Implementations are found with {@link java.util.ServiceLoader}
 * by {@link #name()} and must write the same bytes for the same inputs, since the catalog pins
 * the output's SHA-256.
 *
 * <pre>{@code
 * @AutoService(ModelConverter.class)
 * public final class MyConverter implements ModelConverter {
 *     public String name() { return "my-format"; }
 *     public void convert(List<Path> inputs, OutputStream out) throws IOException { ... }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface ModelConverter {
    /** @return the name catalogs use, e.g. {@code tfjs} */
    String name();

    /**
     * @param inputs the input files, in catalog order, all in one folder under their catalog names
     * @param out    where to write the converted model
     * @throws IOException when reading or writing fails
     */
    void convert(List<Path> inputs, OutputStream out) throws IOException;
}
