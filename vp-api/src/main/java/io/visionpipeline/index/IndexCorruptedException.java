package io.visionpipeline.index;

import io.visionpipeline.VisionPipelineException;

import java.nio.file.Path;

/**
 * A saved index cannot be loaded: the file is truncated, its checksum does not match, or it is
 * not an index file of a version this library reads. The message names the file and the problem.
 *
 * @since 0.1
 */
public class IndexCorruptedException extends VisionPipelineException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /**
     * @param file    the index file
     * @param problem what is wrong with it
     */
    public IndexCorruptedException(Path file, String problem) {
        super("Cannot load index " + file + ": " + problem + " (delete it and index the media again)");
        this.file = file;
    }

    /**
     * @param file    the index file
     * @param problem what is wrong with it
     * @param cause   the underlying failure
     */
    public IndexCorruptedException(Path file, String problem, Throwable cause) {
        super("Cannot load index " + file + ": " + problem + " (delete it and index the media again)", cause);
        this.file = file;
    }

    /** @return the index file */
    public Path file() {
        return file;
    }
}
