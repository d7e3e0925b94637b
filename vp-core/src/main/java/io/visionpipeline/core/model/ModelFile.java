package io.visionpipeline.core.model;

import java.util.List;
import java.util.Objects;

/**
 * One file of a model, with its checksum and where it can be had, tried in order.
 *
 * @param name    the file name in the cache, e.g. {@code face_detection_front_128x128_barracuda.onnx}
 * @param sha256  lower-case hex SHA-256 of the file
 * @param size    size in bytes (informative; the checksum is what is verified)
 * @param sources where the file can be had, in order of preference
 */
public record ModelFile(String name, String sha256, long size, List<ModelSource> sources) {
    /** Validates the fields. */
    public ModelFile {
        Objects.requireNonNull(name, "name");
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("model file names are plain names: " + name);
        }
        Objects.requireNonNull(sha256, "sha256");
        if (!sha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("sha256 of " + name + " must be 64 lower-case hex digits: " + sha256);
        }
        sources = List.copyOf(Objects.requireNonNull(sources, "sources"));
    }
}
