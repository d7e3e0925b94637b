package io.visionpipeline.index;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.internal.ServiceLookup;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates and loads {@link VectorIndex}es through the {@link VectorIndexProvider}s on the class
 * path. The default provider is the available one with the highest priority (the JVector graph
 * index when vp-backend-cpu is present, else the exact flat index); the system property
 * {@value #PROVIDER_PROPERTY} pins one by name.
 *
 * <pre>{@code
 * VectorIndex index = VectorIndexes.create(IndexConfig.of(384, Metric.COSINE));
 * VectorIndex exact = VectorIndexes.create("flat", IndexConfig.of(384, Metric.COSINE));
 * VectorIndex saved = VectorIndexes.load(Path.of("vectors.vpi"));   // the provider is read from the file
 * }</pre>
 *
 * @since 0.1
 */
public final class VectorIndexes {
    /** System property naming the default index provider. */
    public static final String PROVIDER_PROPERTY = "vp.index.provider";
    /** First bytes of every saved index file, followed by the provider's name. */
    public static final String MAGIC = "VPINDEX1";

    private VectorIndexes() {
    }

    /**
     * @param config dimension, metric, options
     * @return a new index from the default provider
     */
    public static VectorIndex create(IndexConfig config) {
        return create(System.getProperty(PROVIDER_PROPERTY, ""), config);
    }

    /**
     * @param provider a provider name, or empty for the default
     * @param config   dimension, metric, options
     * @return a new index
     * @throws VisionPipelineException naming the known providers when the name is unknown
     */
    public static VectorIndex create(String provider, IndexConfig config) {
        return provider(provider).create(config);
    }

    /**
     * Loads a saved index with the provider that saved it.
     *
     * @param file a saved index
     * @return the index
     * @throws IndexCorruptedException naming the file when it is missing, not an index or damaged
     */
    public static VectorIndex load(Path file) {
        String name;
        try (InputStream in = Files.newInputStream(file); DataInputStream data = new DataInputStream(in)) {
            byte[] magic = new byte[MAGIC.length()];
            data.readFully(magic);
            if (!MAGIC.equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IndexCorruptedException(file, "not a VisionPipeline index file (bad magic)");
            }
            name = data.readUTF();
        } catch (NoSuchFileException e) {
            throw new IndexCorruptedException(file, "the file does not exist", e);
        } catch (IOException e) {
            throw new IndexCorruptedException(file, "the header cannot be read (" + e + ")", e);
        }
        return provider(name).load(file);
    }

    /** @return every provider on the class path, highest priority first */
    public static List<VectorIndexProvider> providers() {
        return ServiceLookup.load(VectorIndexProvider.class).stream()
                .sorted(Comparator.comparingInt(VectorIndexProvider::priority).reversed()).toList();
    }

    private static VectorIndexProvider provider(String name) {
        List<VectorIndexProvider> all = providers();
        if (name == null || name.isBlank()) {
            return all.stream().filter(p -> p.availability().available()).findFirst()
                    .orElseThrow(() -> new VisionPipelineException("No vector index provider can run here"
                            + (all.isEmpty() ? ": add vp-core to the class path" : ": " + all.stream()
                            .map(p -> p.name() + " (" + p.availability().reason() + ")").collect(Collectors.joining("; ")))));
        }
        VectorIndexProvider p = all.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new VisionPipelineException("Unknown vector index provider '" + name + "'; known: "
                        + all.stream().map(VectorIndexProvider::name).collect(Collectors.joining(", "))));
        if (!p.availability().available()) {
            throw new VisionPipelineException("The vector index provider '" + name + "' cannot run here: " + p.availability().reason());
        }
        return p;
    }
}
