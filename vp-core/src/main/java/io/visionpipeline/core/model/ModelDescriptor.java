package io.visionpipeline.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A model the store knows: its id, what it is, its licence, and its files.
 *
 * @param id          unique id, e.g. {@code blazeface-short}
 * @param description one line saying what the model does
 * @param license     the licence of the weights, e.g. {@code Apache-2.0}
 * @param homepage    where the model comes from, for people
 * @param files       its files
 */
public record ModelDescriptor(String id, String description, String license, String homepage, List<ModelFile> files) {
    /** Validates the fields. */
    public ModelDescriptor {
        Objects.requireNonNull(id, "id");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new IllegalArgumentException("model ids are lower-case words: " + id);
        }
        description = description == null ? "" : description;
        license = license == null ? "" : license;
        homepage = homepage == null ? "" : homepage;
        files = List.copyOf(Objects.requireNonNull(files, "files"));
        if (files.isEmpty()) {
            throw new IllegalArgumentException("model " + id + " has no files");
        }
    }

    /**
     * @param name a file name
     * @return the file
     * @throws IllegalArgumentException when the model has no such file
     */
    public ModelFile file(String name) {
        return files.stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("model " + id + " has no file " + name + "; it has "
                        + files.stream().map(ModelFile::name).toList()));
    }
}
