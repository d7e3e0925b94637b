package io.visionpipeline.face;

import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexCorruptedException;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.index.IndexHit;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexes;
import io.visionpipeline.media.ImageFrame;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Known people: the embeddings of their enrolled faces in a {@link VectorIndex} (cosine metric,
 * the provider {@link VectorIndexes} picks), each entry named by its person. A face is recognised as
 * the person whose closest enrolled face is at least {@link #threshold()} similar; otherwise it is
 * unknown. Saved crash-safely in the index's file format (checksummed), so a damaged file fails to
 * load with an {@link IndexCorruptedException} naming it, never with a silently empty gallery.
 *
 * <pre>{@code
 * try (FaceDetector faces = StageProviders.create(StageKinds.FACES, StageSpec.of("faces"));
 *      FaceGallery gallery = FaceGallery.create()) {
 *     gallery.enroll("Eileen Collins", List.of(photo), faces);
 *     gallery.save(Path.of("people.vpg"));
 * }
 * FaceGallery again = FaceGallery.load(Path.of("people.vpg"));
 * again.recognize(identity.embedding()).ifPresent(m -> System.out.println(m.name()));
 * }</pre>
 *
 * The threshold defaults to {@link #DEFAULT_MATCH_THRESHOLD}, calibrated for the default embedder
 * (see {@code docs/faces.md}). Not thread-safe for enrolment; recognition may run concurrently.
 *
 * @since 0.1
 */
public final class FaceGallery implements FaceRecognizer, AutoCloseable {
    /**
     * Default least cosine similarity for a face to be recognised as an enrolled person: the
     * threshold calibrated on same/different face pairs for the default embedder (FaceRes),
     * see {@code docs/faces.md}. The {@code faces} stage passes its own embedder's threshold.
     */
    public static final double DEFAULT_MATCH_THRESHOLD = 0.61;
    static final String KIND = "face";
    static final String NAME = "name";
    static final String MODEL = "model";
    private static final String MEDIA = "gallery";
    /** Exact search: a gallery is small, and a missed neighbour would be a missed person. */
    private static final String INDEX_PROVIDER = "flat";

    private final double threshold;
    private VectorIndex index;
    private String model;

    private FaceGallery(VectorIndex index, double threshold, String model) {
        this.index = index;
        this.threshold = threshold;
        this.model = model;
    }

    /** @return an empty gallery with the default threshold; its dimension is fixed by the first enrolment */
    public static FaceGallery create() {
        return new FaceGallery(null, DEFAULT_MATCH_THRESHOLD, null);
    }

    /**
     * @param file a gallery saved with {@link #save}
     * @return the gallery, with the default threshold
     * @throws IndexCorruptedException naming the file when it is missing, damaged or not a face gallery
     */
    public static FaceGallery load(Path file) {
        return load(file, DEFAULT_MATCH_THRESHOLD);
    }

    /**
     * @param file      a gallery saved with {@link #save}
     * @param threshold least similarity for a match, in (-1, 1)
     * @return the gallery
     * @throws IndexCorruptedException naming the file when it is missing, damaged or not a face gallery
     */
    public static FaceGallery load(Path file, double threshold) {
        checkThreshold(threshold);
        VectorIndex index = VectorIndexes.load(file);
        if (index.size() == 0) {
            index.close();
            throw new IndexCorruptedException(file, "the face gallery holds no enrolled face");
        }
        List<IndexHit> probe = index.search(probe(index), index.size(), IndexFilter.ALL);
        String model = null;
        for (IndexHit hit : probe) {
            EntryMetadata m = hit.metadata();
            if (!KIND.equals(m.kind()) || m.attribute(NAME).isEmpty()) {
                index.close();
                throw new IndexCorruptedException(file, "entry '" + hit.id() + "' is not an enrolled face: this is not a face gallery");
            }
            model = m.attribute(MODEL);
        }
        return new FaceGallery(index, threshold, model);
    }

    /**
     * Enrols a person from photos: in each image the largest face with an embedding is taken.
     *
     * @param name     the person's name
     * @param images   photos showing the person (the largest face in each is theirs)
     * @param detector a {@code faces} stage with a face embedder
     * @return how many faces were enrolled
     * @throws IllegalArgumentException when an image shows no face, or the detector gives no embeddings
     */
    public int enroll(String name, List<ImageFrame> images, FaceDetector detector) {
        List<List<Face>> found = detector.process(images);
        List<FaceEmbedding> embeddings = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            Face face = found.get(i).stream().filter(f -> f.embedding() != null)
                    .max(Comparator.comparingDouble(f -> f.box().area())).orElse(null);
            if (face == null) {
                throw new IllegalArgumentException("No face with an embedding in image " + (i + 1) + " of " + images.size()
                        + " for '" + name + "'" + (found.get(i).isEmpty() ? "" : " (faces found, but the stage has no embedder: "
                        + detector.modelName() + ")"));
            }
            embeddings.add(face.embedding());
        }
        return enroll(name, embeddings, detector.modelName());
    }

    /**
     * Enrols a person seen in another media: the identity's mean embedding, so the same person is
     * named when they appear in the next video ("is it the same person as in that other video?").
     *
     * <pre>{@code
     * gallery.enroll("Speaker A", firstReport.identities().get(0));
     * }</pre>
     *
     * @param name     the person's name
     * @param identity an identity from a report made with the same embedder as the gallery's
     * @return 1, the number of faces enrolled
     * @throws IllegalArgumentException when the name is blank or the embedding does not fit the gallery's
     */
    public int enroll(String name, Identity identity) {
        return enroll(name, List.of(new FaceEmbedding(identity.embedding(), identity.quality(),
                identity.thumbnail() == null ? null : FaceThumbnail.ofJpeg(identity.thumbnail()))), null);
    }

    /**
     * Enrols a person from face embeddings.
     *
     * @param name       the person's name
     * @param embeddings their faces' embeddings (one embedder, normalised)
     * @param embedder   which embedder made them, as its {@code modelName()}
     * @return how many faces were enrolled
     * @throws IllegalArgumentException when the name is blank, nothing is given, or the
     *                                  embeddings do not fit the gallery's
     */
    public int enroll(String name, List<FaceEmbedding> embeddings, String embedder) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("A person's name must not be blank");
        }
        if (embeddings.isEmpty()) {
            throw new IllegalArgumentException("Nothing to enrol for '" + name + "'");
        }
        if (index == null) {
            index = VectorIndexes.create(INDEX_PROVIDER, IndexConfig.of(embeddings.get(0).vector().length, Metric.COSINE));
            model = embedder;
        }
        int start = index.size();
        List<IndexEntry> entries = new ArrayList<>();
        for (int i = 0; i < embeddings.size(); i++) {
            float[] v = embeddings.get(i).vector();
            if (v.length != index.dimension()) {
                throw new IllegalArgumentException("Embedding of length " + v.length + " does not fit this gallery of "
                        + index.dimension() + "-d faces (embedder " + model + ")");
            }
            entries.add(new IndexEntry(name + "#" + (start + i + 1), v, new EntryMetadata(MEDIA, KIND, null, null,
                    Map.of(NAME, name, MODEL, model == null ? "" : model))));
        }
        index.upsertAll(entries);
        return entries.size();
    }

    @Override
    public Optional<FaceMatch> recognize(float[] embedding) {
        if (index == null || index.size() == 0 || embedding.length != index.dimension()) {
            return Optional.empty();
        }
        List<IndexHit> hits = index.search(embedding, 1, IndexFilter.ALL);
        if (hits.isEmpty() || hits.get(0).score() < threshold) {
            return Optional.empty();
        }
        return Optional.of(new FaceMatch(hits.get(0).metadata().attribute(NAME), hits.get(0).score()));
    }

    /** @return the enrolled people's names, sorted */
    public List<String> names() {
        if (index == null) {
            return List.of();
        }
        TreeSet<String> names = new TreeSet<>();
        index.search(probe(index), index.size(), IndexFilter.ALL).forEach(h -> names.add(h.metadata().attribute(NAME)));
        return List.copyOf(names);
    }

    /** @return the enrolled embeddings' length, or 0 before the first enrolment */
    public int dimension() {
        return index == null ? 0 : index.dimension();
    }

    /** @return the embedder the faces were enrolled with, as it named itself, or null before the first enrolment */
    public String embedder() {
        return model;
    }

    /** @return how many faces are enrolled */
    public int size() {
        return index == null ? 0 : index.size();
    }

    /** @return the least similarity for a match */
    public double threshold() {
        return threshold;
    }

    /**
     * Saves the gallery crash-safely (the old file or the new one, never a mix).
     *
     * @param file where to write it
     * @throws IllegalStateException when nothing is enrolled
     */
    public void save(Path file) {
        if (index == null) {
            throw new IllegalStateException("Nothing enrolled: an empty gallery is not saved to " + file);
        }
        index.save(file);
    }

    @Override
    public void close() {
        if (index != null) {
            index.close();
        }
    }

    /** @return a query every entry answers (all hits are wanted, not the closest) */
    private static float[] probe(VectorIndex index) {
        float[] q = new float[index.dimension()];
        java.util.Arrays.fill(q, 1f);
        return q;
    }

    private static void checkThreshold(double threshold) {
        if (!(threshold > -1 && threshold < 1)) {
            throw new IllegalArgumentException("threshold must be in (-1, 1): " + threshold);
        }
    }
}
