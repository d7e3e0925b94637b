package io.visionpipeline.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The server example over real HTTP, with the real models: uploads, limits, errors, search, health, metrics. */
class MediaServerTest {
    private static final int UPLOADS = 50;
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @TempDir
    static Path dir;
    static VisionPipeline pipeline;
    static MediaLibrary library;
    static MediaServer server;
    static String base;

    @BeforeAll
    static void start() {
        pipeline = ServerFixtures.pipeline();
        library = MediaLibrary.open(dir.resolve("library"));
        server = MediaServer.builder(pipeline).library(library).mediaDir(dir.resolve("media")).port(0)
                .concurrency(2, UPLOADS).maxUploadBytes(20 << 20).timeout(Duration.ofMinutes(3)).start();
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.close();
        library.close();
        pipeline.close();
    }

    @Test
    void fiftyConcurrentUploadsGetReportsForGoodFilesAndClear4xxForBrokenOnes() throws Exception {
        byte[] astronaut = Files.readAllBytes(TestMedia.skimage("astronaut.png"));
        byte[] messi = Files.readAllBytes(TestMedia.opencv("messi5.jpg"));
        byte[] video = Files.readAllBytes(ServerFixtures.megamindClip());
        byte[] truncated = Arrays.copyOf(messi, 600);
        byte[] text = "this is not a video".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String[] names = {"astronaut.png", "messi5.jpg", "megamind.webm", "truncated.jpg", "notes.mp4"};
        byte[][] bodies = {astronaut, messi, video, truncated, text};

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        AtomicLong peakHeap = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(UPLOADS);
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                peakHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.start();
        long started = System.nanoTime();
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            int kind = i % names.length;
            answers.add(clients.submit(() -> ServerFixtures.upload(CLIENT, base + "/analyze", names[kind], bodies[kind])));
        }
        List<Long> statuses = new ArrayList<>();
        for (int i = 0; i < UPLOADS; i++) {
            HttpResponse<String> answer = answers.get(i).get(4, TimeUnit.MINUTES);
            statuses.add((long) answer.statusCode());
            String name = names[i % names.length];
            if (i % names.length < 3) {
                assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(200);
                MediaReport report = ReportJson.mapper().readValue(answer.body(), MediaReport.class);
                assertThat(report.frames()).as(name).isNotEmpty();
                assertThat(report.totalFaces()).as(name + " faces").isPositive();
                assertThat(report.frames().stream().mapToInt(f -> f.poses().size()).sum()).as(name + " poses").isPositive();
            } else {
                assertThat(answer.statusCode()).as(name + ": " + answer.body()).isEqualTo(422);
                JsonNode error = ReportJson.mapper().readTree(answer.body());
                assertThat(error.path("error").asText()).contains(name).doesNotContain(dir.toString());
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        sampler.interrupt();
        sampler.join();
        clients.shutdown();
        long maxHeap = Runtime.getRuntime().maxMemory();
        System.out.printf("%d concurrent uploads answered in %.1f s; peak heap %d MiB of %d MiB%n", UPLOADS, seconds,
                peakHeap.get() >> 20, maxHeap >> 20);
        assertThat(peakHeap.get()).as("peak heap").isLessThan(1536L << 20);
        JsonNode health = ReportJson.mapper().readTree(ServerFixtures.get(CLIENT, base + "/health").body());
        assertThat(health.path("active").asInt()).isZero();
        assertThat(health.path("queued").asInt()).isZero();
        assertThat(statuses).hasSize(UPLOADS);
    }

    @Test
    void aFullQueueAnswers429AndTheOthersStillGetTheirReports() throws Exception {
        byte[] video = Files.readAllBytes(ServerFixtures.megamindClip());
        try (MediaServer small = MediaServer.builder(pipeline).mediaDir(dir.resolve("small")).port(0).concurrency(1, 1).start()) {
            String url = "http://127.0.0.1:" + small.port() + "/analyze";
            ExecutorService clients = Executors.newFixedThreadPool(6);
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(clients.submit(() -> ServerFixtures.upload(CLIENT, url, "megamind.webm", video)));
            }
            int ok = 0;
            int busy = 0;
            for (Future<HttpResponse<String>> f : answers) {
                HttpResponse<String> answer = f.get(3, TimeUnit.MINUTES);
                if (answer.statusCode() == 429) {
                    busy++;
                    assertThat(answer.headers().firstValue("Retry-After")).isPresent();
                    assertThat(answer.body()).contains("queue is full");
                } else {
                    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
                    ok++;
                }
            }
            clients.shutdown();
            assertThat(busy).as("429 answers").isPositive();
            assertThat(ok).as("reports").isBetween(1, 2);
        }
    }

    @Test
    void oversizeUploadsGet413AndSlowOnes504() throws Exception {
        byte[] video = Files.readAllBytes(ServerFixtures.megamindClip());
        try (MediaServer tiny = MediaServer.builder(pipeline).mediaDir(dir.resolve("tiny")).port(0).maxUploadBytes(100_000).start()) {
            HttpResponse<String> answer = ServerFixtures.upload(CLIENT, "http://127.0.0.1:" + tiny.port() + "/analyze", "megamind.webm", video);
            assertThat(answer.statusCode()).isEqualTo(413);
            assertThat(answer.body()).contains("over the limit of 100000 bytes");
            HttpResponse<String> chunked = CLIENT.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + tiny.port() + "/analyze"))
                    .header("Content-Type", "multipart/form-data; boundary=b")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.SequenceInputStream(
                            new java.io.ByteArrayInputStream("--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.webm\"\r\n\r\n"
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(video),
                                    new java.io.ByteArrayInputStream("\r\n--b--\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8))))))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(chunked.statusCode()).as("without a Content-Length: " + chunked.body()).isEqualTo(413);
        }
        try (MediaServer hasty = MediaServer.builder(pipeline).mediaDir(dir.resolve("hasty")).port(0).timeout(Duration.ofMillis(200)).start()) {
            String url = "http://127.0.0.1:" + hasty.port();
            HttpResponse<String> answer = ServerFixtures.upload(CLIENT, url + "/analyze", "megamind.webm", video);
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(504);
            assertThat(answer.body()).contains("megamind.webm").contains("longer than");
            assertThat(ServerFixtures.get(CLIENT, url + "/health").statusCode()).isEqualTo(200);
            assertThat(ServerFixtures.get(CLIENT, url + "/metrics").body()).contains("vp_errors_total{type=\"timeout\"}");
        }
    }

    @Test
    void indexedUploadsAreSearchableWithThumbnailsAndPlayableMedia() throws Exception {
        HttpResponse<String> added = ServerFixtures.upload(CLIENT, base + "/analyze?index=true", "astronaut.png",
                Files.readAllBytes(TestMedia.skimage("astronaut.png")));
        assertThat(added.statusCode()).as(added.body()).isEqualTo(200);
        JsonNode hits = ReportJson.mapper().readTree(ServerFixtures.get(CLIENT, base + "/search?q=a%20person%20close%20up").body()).path("hits");
        assertThat(hits.size()).isPositive();
        JsonNode hit = hits.get(0);
        assertThat(hit.path("name").asText()).endsWith("astronaut.png");
        HttpResponse<byte[]> thumbnail = CLIENT.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + hit.path("thumbnailUrl").asText())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(thumbnail.body())).getWidth()).isEqualTo(MediaServer.THUMBNAIL_WIDTH);
        assertThat(ServerFixtures.get(CLIENT, base + hit.path("mediaUrl").asText()).statusCode()).isEqualTo(200);
        assertThat(ServerFixtures.get(CLIENT, base + "/media?id=%2Fetc%2Fpasswd").statusCode()).isEqualTo(404);
        assertThat(ServerFixtures.get(CLIENT, base + "/search").statusCode()).isEqualTo(400);
        HttpResponse<String> html = ServerFixtures.upload(CLIENT, base + "/analyze?format=html", "messi5.jpg",
                Files.readAllBytes(TestMedia.opencv("messi5.jpg")));
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<title>VisionPipeline report: ").contains("messi5.jpg").contains("src=\"data:image/jpeg;base64,");
    }

    @Test
    void healthListsEachStageAndMetricsCountStageTimes() throws Exception {
        HttpResponse<String> health = ServerFixtures.get(CLIENT, base + "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        JsonNode body = ReportJson.mapper().readTree(health.body());
        assertThat(body.path("status").asText()).isEqualTo("UP");
        assertThat(body.path("stages").findValuesAsText("kind")).containsExactly("faces", "pose");
        assertThat(body.path("stages").findValuesAsText("provider")).containsExactly("blazeface", "movenet");
        ServerFixtures.upload(CLIENT, base + "/analyze", "messi5.jpg", Files.readAllBytes(TestMedia.opencv("messi5.jpg")));
        String metrics = ServerFixtures.get(CLIENT, base + "/metrics").body();
        assertThat(metrics).contains("vp_stage_seconds_count{stage=\"faces\"}", "vp_stage_seconds_count{stage=\"pose\"}",
                "vp_stage_frames_total{stage=\"faces\"}", "vp_queue_depth", "vp_analyze_active", "vp_analyze_seconds_count{outcome=\"ok\"}");
    }
}
