package io.visionpipeline.examples.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.core.report.HtmlReport;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.core.report.Thumbnails;
import io.visionpipeline.library.SearchHit;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageProvider;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * VisionPipeline embedded in an HTTP service (Javalin): one {@link VisionPipeline} (models loaded
 * once) shared by every request.
 * <ul>
 *   <li>{@code POST /analyze} — multipart upload (field {@code file}) → the report as JSON
 *       ({@code ?format=html}: the HTML report; {@code ?index=true}: also kept and added to the library).
 *       Uploads over the size limit get 413; when {@code maxConcurrent} analyses run and {@code maxQueued}
 *       more wait, 429 with {@code Retry-After}; a broken or unsupported file 422 naming the problem;
 *       past the timeout 504.</li>
 *   <li>{@code GET /search?q=...&k=10} — library hits with thumbnail and media links</li>
 *   <li>{@code GET /} — the search page; {@code GET /media?id=} plays a library media (range requests);
 *       {@code GET /thumbnail?id=&t=} a JPEG of the frame at t seconds</li>
 *   <li>{@code GET /health} — per-stage availability (200 when every stage can run, else 503)</li>
 *   <li>{@code GET /metrics} — Prometheus text (see {@link ServerMetrics})</li>
 * </ul>
 *
 * <pre>{@code
 * try (VisionPipeline vp = VisionPipeline.builder().faces().pose().nsfw().build();
 *      MediaLibrary library = MediaLibrary.open(Path.of("library"));
 *      MediaServer server = MediaServer.builder(vp).library(library).port(8080).start()) {
 *     server.join();
 * }
 * }</pre>
 */
public final class MediaServer implements AutoCloseable {
    /** Default largest upload: 256 MiB. */
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 256L << 20;
    /** Default analyses at a time: one per two processors, at least one. */
    public static final int DEFAULT_MAX_CONCURRENT = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** Default uploads that may wait for a slot before the server answers 429. */
    public static final int DEFAULT_MAX_QUEUED = 16;
    /** Default most time one upload may take, waiting included. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** Thumbnails kept in memory for the search page. */
    static final int THUMBNAIL_CACHE = 256;
    /** Width of search page thumbnails. */
    static final int THUMBNAIL_WIDTH = 320;
    private static final Logger LOG = LoggerFactory.getLogger(MediaServer.class);
    private static final String SEARCH_PAGE = resource("search.html");

    private final VisionPipeline pipeline;
    private final MediaLibrary library;
    private final Path mediaDir;
    private final long maxUploadBytes;
    private final int maxConcurrent;
    private final Duration timeout;
    private final Semaphore admitted;
    private final Semaphore slots;
    private final ServerMetrics metrics = new ServerMetrics();
    private final Map<String, byte[]> thumbnails = Collections.synchronizedMap(new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
            return size() > THUMBNAIL_CACHE;
        }
    });
    private final Javalin app;

    private MediaServer(Builder b) {
        this.pipeline = b.pipeline;
        this.library = b.library;
        this.mediaDir = b.mediaDir;
        this.maxUploadBytes = b.maxUploadBytes;
        this.maxConcurrent = b.maxConcurrent;
        this.timeout = b.timeout;
        this.admitted = new Semaphore(b.maxConcurrent + b.maxQueued);
        this.slots = new Semaphore(b.maxConcurrent, true);
        this.app = Javalin.create(config -> {
            config.jetty.host = b.host;
            config.jetty.port = b.port;
            config.jetty.multipartConfig.maxFileSize(maxUploadBytes, SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(maxUploadBytes + (64 << 10), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(64, SizeUnit.KB);
            config.startup.showJavalinBanner = false;
            config.requestLogger.http((ctx, ms) -> LOG.atInfo().addKeyValue("method", ctx.method().name())
                    .addKeyValue("path", ctx.path()).addKeyValue("status", ctx.statusCode())
                    .addKeyValue("ms", Math.round(ms)).log("request"));
            config.routes.get("/", ctx -> ctx.html(SEARCH_PAGE));
            config.routes.post("/analyze", this::analyze);
            config.routes.get("/search", this::search);
            config.routes.get("/media", this::media);
            config.routes.get("/thumbnail", this::thumbnail);
            config.routes.get("/health", this::health);
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            config.routes.exception(ApiError.class, (e, ctx) -> {
                metrics.error(e.type());
                LOG.atWarn().addKeyValue("path", ctx.path()).addKeyValue("status", e.status()).addKeyValue("type", e.type())
                        .log(e.getMessage());
                json(ctx, e.status(), Map.of("status", e.status(), "error", e.getMessage()));
            });
        });
    }

    /**
     * @param pipeline the pipeline every request shares (the caller closes it after the server)
     * @return a builder
     */
    public static Builder builder(VisionPipeline pipeline) {
        return new Builder(pipeline);
    }

    /** @return the port the server listens on */
    public int port() {
        return app.port();
    }

    /** @return the server's meters (add your own to the same registry) */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /**
     * Blocks until the server is stopped (by {@link #close()} or a shutdown hook).
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void join() throws InterruptedException {
        app.jettyServer().server().join();
    }

    /** Stops the server; running analyses are cancelled. The pipeline and library stay open. */
    @Override
    public void close() {
        app.stop();
    }

    private void analyze(Context ctx) throws IOException, InterruptedException {
        long started = System.nanoTime();
        long length = ctx.req().getContentLengthLong();
        if (length > maxUploadBytes) {
            throw new ApiError(413, "too_large", "Upload of " + length + " bytes is over the limit of " + maxUploadBytes + " bytes");
        }
        if (!admitted.tryAcquire()) {
            ctx.header("Retry-After", "5");
            throw new ApiError(429, "busy", maxConcurrent + " analyses are running and the queue is full: retry later");
        }
        Path upload = null;
        boolean keep = false;
        String outcome = "error";
        metrics.queued().incrementAndGet();
        boolean waiting = true;
        try {
            UploadedFile file = uploadedFile(ctx);
            String name = safeName(file.filename());
            boolean index = Boolean.parseBoolean(ctx.queryParam("index"));
            if (index && library == null) {
                throw new ApiError(400, "no_library", "index=true needs a library: start the server with one");
            }
            upload = save(file, name, index);
            long remaining = timeout.toNanos() - (System.nanoTime() - started);
            if (!slots.tryAcquire(Math.max(0, remaining), TimeUnit.NANOSECONDS)) {
                outcome = "timeout";
                throw new ApiError(504, "timeout", name + " waited " + timeout.toSeconds() + " s for an analysis slot: retry later");
            }
            metrics.queued().decrementAndGet();
            waiting = false;
            metrics.active().incrementAndGet();
            MediaReport report;
            try {
                report = run(upload, name, started);
            } finally {
                metrics.active().decrementAndGet();
                slots.release();
            }
            metrics.stages(report);
            if (index) {
                library.add(report);
                keep = true;
            }
            outcome = "ok";
            LOG.atInfo().addKeyValue("media", name).addKeyValue("frames", report.frames().size())
                    .addKeyValue("faces", report.totalFaces()).log("analysed");
            if ("html".equals(ctx.queryParam("format"))) {
                StringWriter html = new StringWriter();
                HtmlReport.builder(report).source(MediaSource.of(upload)).build().render(html);
                ctx.html(html.toString());
            } else {
                ctx.contentType("application/json").result(ReportJson.toJson(report));
            }
        } catch (ApiError e) {
            outcome = e.type();
            throw e;
        } finally {
            if (waiting) {
                metrics.queued().decrementAndGet();
            }
            admitted.release();
            if (upload != null && !keep) {
                Files.deleteIfExists(upload);
            }
            metrics.analyzed(outcome, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private MediaReport run(Path upload, String name, long started) throws InterruptedException {
        CompletableFuture<MediaReport> job = pipeline.submit(MediaSource.of(upload));
        long remaining = timeout.toNanos() - (System.nanoTime() - started);
        try {
            return job.get(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            job.cancel(true);
            throw new ApiError(504, "timeout", name + " took longer than " + timeout.toSeconds() + " s: send a shorter media");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof MediaDecodeException decode) {
                String problem = problem(decode, upload, name);
                throw new ApiError(422, "bad_media", problem.contains(name) ? problem : "Cannot analyse " + name + ": " + problem);
            }
            LOG.error("Analysis of {} failed", name, cause);
            throw new ApiError(500, "failed", "Analysis of " + name + " failed: " + (cause == null ? e : cause).getMessage());
        } catch (InterruptedException e) {
            job.cancel(true);
            throw e;
        }
    }

    /** The decoder's reason without the server's temporary path. */
    private static String problem(MediaDecodeException e, Path upload, String name) {
        String message = Objects.requireNonNullElse(e.getMessage(), "not a readable media file");
        return message.replace(upload.toString() + ": ", "").replace(upload.toString(), name);
    }

    private UploadedFile uploadedFile(Context ctx) {
        if (!ctx.isMultipartFormData()) {
            throw new ApiError(415, "not_multipart", "POST /analyze takes multipart/form-data with the media in the field 'file'");
        }
        UploadedFile file;
        try {
            file = ctx.uploadedFile("file");
        } catch (Exception e) {   // Jetty's ServletException arrives unchecked through Kotlin
            if (tooLarge(e)) {
                throw new ApiError(413, "too_large", "Upload is over the limit of " + maxUploadBytes + " bytes");
            }
            throw new ApiError(400, "bad_upload", "Cannot read the multipart upload: " + e.getMessage());
        }
        if (file == null) {
            throw new ApiError(400, "no_file", "No file in the upload: send the media in the multipart field 'file'");
        }
        if (file.size() == 0) {
            throw new ApiError(422, "bad_media", "Cannot analyse " + safeName(file.filename()) + ": the file is empty");
        }
        return file;
    }

    /** Whether Jetty refused the multipart body for its size (an upload sent without a Content-Length). */
    private static boolean tooLarge(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("413") || message.contains("max file size") || message.contains("max length")
                    || message.contains("exceeds") || message.contains("too large")) {
                return true;
            }
        }
        return false;
    }

    private Path save(UploadedFile file, String name, boolean index) throws IOException {
        Path dir = index ? mediaDir : Files.createDirectories(mediaDir.resolve(".uploads"));
        Files.createDirectories(dir);
        Path target = dir.resolve(UUID.randomUUID().toString().substring(0, 8) + "-" + name);
        try (InputStream in = file.content(); OutputStream out = Files.newOutputStream(target)) {
            long copied = in.transferTo(out);
            if (copied > maxUploadBytes) {
                Files.deleteIfExists(target);
                throw new ApiError(413, "too_large", "Upload of " + copied + " bytes is over the limit of " + maxUploadBytes + " bytes");
            }
        }
        return target;
    }

    private void search(Context ctx) {
        MediaLibrary lib = requireLibrary();
        String query = ctx.queryParam("q");
        if (query == null || query.isBlank()) {
            throw new ApiError(400, "no_query", "Give a query: /search?q=a person on a bicycle");
        }
        int k = parseInt(ctx.queryParam("k"), 10, "k");
        List<Map<String, Object>> hits = new ArrayList<>();
        for (SearchHit hit : lib.search(query, Math.min(100, Math.max(1, k)))) {
            String id = java.net.URLEncoder.encode(hit.media(), StandardCharsets.UTF_8);
            double seconds = hit.timestamp().toNanos() / 1e9;
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("media", hit.media());
            h.put("name", Path.of(hit.media()).getFileName().toString());
            h.put("seconds", seconds);
            h.put("time", hit.time());
            h.put("kind", hit.kind());
            h.put("score", hit.score());
            h.put("snippet", hit.snippet());
            h.put("mediaUrl", "/media?id=" + id);
            h.put("thumbnailUrl", String.format(Locale.ROOT, "/thumbnail?id=%s&t=%.3f", id, seconds));
            h.put("video", isVideo(hit.media()));
            hits.add(h);
        }
        json(ctx, 200, Map.of("query", query, "hits", hits));
    }

    private void media(Context ctx) throws IOException {
        Path file = libraryMedia(ctx.queryParam("id"));
        String type = Objects.requireNonNullElse(Files.probeContentType(file), contentType(file));
        ctx.writeSeekableStream(Files.newInputStream(file), type, Files.size(file));
    }

    private void thumbnail(Context ctx) {
        Path file = libraryMedia(ctx.queryParam("id"));
        String t = Objects.requireNonNullElse(ctx.queryParam("t"), "0");
        double seconds;
        try {
            seconds = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_time", "t must be seconds, e.g. t=12.5; got " + t);
        }
        String key = file + "@" + Math.round(seconds * 10);
        byte[] jpeg = thumbnails.get(key);
        if (jpeg == null) {
            jpeg = frameAt(file, seconds);   // decoded outside the cache's lock: thumbnails of other media need not wait
            thumbnails.put(key, jpeg);
        }
        ctx.contentType("image/jpeg").header("Cache-Control", "max-age=3600").result(jpeg);
    }

    /** The first sampled frame at or after t: sampling every t seconds returns the frames at 0 and t. */
    private static byte[] frameAt(Path file, double seconds) {
        long nanos = Math.round(seconds * 1e9);
        FrameSampling sampling = nanos <= 0 ? FrameSampling.everyNthFrame(1) : FrameSampling.every(Duration.ofNanos(nanos));
        try (FrameReader reader = FrameReader.open(MediaSource.of(file), sampling)) {
            ImageFrame frame = reader.next();
            ImageFrame next = nanos > 0 && frame != null ? reader.next() : null;
            ImageFrame chosen = next != null ? next : frame;
            if (chosen == null) {
                throw new ApiError(404, "no_frame", file.getFileName() + " has no frame at " + seconds + " s");
            }
            return Thumbnails.jpeg(chosen, THUMBNAIL_WIDTH);
        } catch (MediaDecodeException e) {
            throw new ApiError(422, "bad_media", e.getMessage());
        }
    }

    private void health(Context ctx) {
        List<Map<String, Object>> stages = new ArrayList<>();
        boolean up = true;
        for (StageSpec spec : pipeline.spec().stages()) {
            Map<String, Object> stage = new LinkedHashMap<>();
            stage.put("kind", spec.kind());
            try {
                StageProvider<?> provider = StageProviders.select(StageKinds.named(spec.kind()), spec.provider());
                Availability availability = provider.availability();
                stage.put("provider", provider.name());
                stage.put("available", availability.available());
                if (!availability.available()) {
                    stage.put("reason", availability.reason());
                }
                up &= availability.available();
            } catch (VisionPipelineException e) {
                stage.put("provider", spec.provider());
                stage.put("available", false);
                stage.put("reason", e.getMessage());
                up = false;
            }
            stages.add(stage);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", up ? "UP" : "DOWN");
        body.put("stages", stages);
        body.put("active", metrics.active().get());
        body.put("queued", metrics.queued().get());
        body.put("library", library == null ? Map.of() : Map.of("media", library.size()));
        json(ctx, up ? 200 : 503, body);
    }

    private MediaLibrary requireLibrary() {
        if (library == null) {
            throw new ApiError(404, "no_library", "This server has no library to search");
        }
        return library;
    }

    /** Only media of the library are served, never arbitrary paths. */
    private Path libraryMedia(String id) {
        MediaLibrary lib = requireLibrary();
        if (id == null || !lib.media().contains(id)) {
            throw new ApiError(404, "unknown_media", "No media '" + id + "' in the library");
        }
        Path file = Path.of(id);
        if (!Files.isRegularFile(file)) {
            throw new ApiError(404, "missing_media", "The library's media " + file.getFileName() + " is no longer on disk");
        }
        return file;
    }

    private static boolean isVideo(String media) {
        String type = contentType(Path.of(media));
        return type.startsWith("video/");
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "mp4", "m4v", "mov" -> "video/mp4";
            case "webm" -> "video/webm";
            case "ogv" -> "video/ogg";
            case "avi" -> "video/x-msvideo";
            case "mkv" -> "video/x-matroska";
            case "jpg", "jpeg" -> "image/jpeg";
            case "png" -> "image/png";
            case "webp" -> "image/webp";
            case "gif" -> "image/gif";
            default -> "application/octet-stream";
        };
    }

    /** A file name without folders or characters that matter to shells and URLs. */
    static String safeName(String submitted) {
        String name = submitted == null ? "" : submitted.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        return name.isEmpty() || name.startsWith(".") ? "upload" + name : name;
    }

    private static int parseInt(String value, int fallback, String name) {
        if (value == null) {
            return fallback;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "bad_parameter", name + " must be a whole number, got " + value);
        }
    }

    private static void json(Context ctx, int status, Object body) {
        try {
            ctx.status(status).contentType("application/json").result(ReportJson.mapper().writeValueAsString(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String name) {
        try (InputStream in = MediaServer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + MediaServer.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + name, e);
        }
    }

    /** Configures a {@link MediaServer}; {@link #start()} starts it. */
    public static final class Builder {
        private final VisionPipeline pipeline;
        private MediaLibrary library;
        private Path mediaDir = Path.of(System.getProperty("java.io.tmpdir"), "vp-server-media");
        private String host = "127.0.0.1";
        private int port = 8080;
        private long maxUploadBytes = DEFAULT_MAX_UPLOAD_BYTES;
        private int maxConcurrent = DEFAULT_MAX_CONCURRENT;
        private int maxQueued = DEFAULT_MAX_QUEUED;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder(VisionPipeline pipeline) {
            this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        }

        /**
         * @param library the library {@code /search} searches and {@code ?index=true} adds to; none by default
         * @return this builder
         */
        public Builder library(MediaLibrary library) {
            this.library = library;
            return this;
        }

        /**
         * @param dir where indexed uploads are kept (and other uploads pass through)
         * @return this builder
         */
        public Builder mediaDir(Path dir) {
            this.mediaDir = Objects.requireNonNull(dir, "dir");
            return this;
        }

        /**
         * @param host address to listen on (default 127.0.0.1)
         * @param port port (default 8080; 0 picks a free one)
         * @return this builder
         */
        public Builder listen(String host, int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be in 0..65535: " + port);
            }
            this.host = Objects.requireNonNull(host, "host");
            this.port = port;
            return this;
        }

        /**
         * @param port port on 127.0.0.1 (0 picks a free one)
         * @return this builder
         */
        public Builder port(int port) {
            return listen(host, port);
        }

        /**
         * @param bytes largest upload accepted; bigger ones get 413
         * @return this builder
         */
        public Builder maxUploadBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxUploadBytes must be positive: " + bytes);
            }
            this.maxUploadBytes = bytes;
            return this;
        }

        /**
         * @param running analyses at a time
         * @param queued  uploads that may wait for a slot; more get 429
         * @return this builder
         */
        public Builder concurrency(int running, int queued) {
            if (running < 1 || queued < 0) {
                throw new IllegalArgumentException("need running >= 1 and queued >= 0, got " + running + ", " + queued);
            }
            this.maxConcurrent = running;
            this.maxQueued = queued;
            return this;
        }

        /**
         * @param timeout most time one upload may take, waiting included; past it 504
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive: " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** @return the started server */
        public MediaServer start() {
            MediaServer server = new MediaServer(this);
            server.app.start();
            LOG.atInfo().addKeyValue("port", server.port()).log("VisionPipeline server listening on http://{}:{}", host, server.port());
            return server;
        }
    }
}
