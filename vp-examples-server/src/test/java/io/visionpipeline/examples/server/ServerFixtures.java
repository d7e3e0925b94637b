package io.visionpipeline.examples.server;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.testing.TestMedia;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Media, pipeline and HTTP helpers of the server and browser tests. */
final class ServerFixtures {
    private ServerFixtures() {
    }

    /** @return the pipeline the tests share: faces (full-range BlazeFace, small faces too) and poses, one frame a second */
    static VisionPipeline pipeline() {
        return builder().build();
    }

    /** @return the same plus text on screen (PP-OCR), for the search page */
    static VisionPipeline pipelineWithOcr() {
        return builder().ocr().build();
    }

    private static VisionPipeline.Builder builder() {
        return VisionPipeline.builder()
                .sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces("blazeface", StageOptions.of("model", "full"))
                .pose();
    }

    /**
     * The first 6 s of Megamind.avi as WebM (VP8), a video browsers play, made once with the ffmpeg CLI.
     *
     * @return the clip
     */
    static Path megamindClip() throws IOException, InterruptedException {
        Path clip = TestMedia.generatedDir().resolve("megamind-6s.webm");
        if (!Files.isRegularFile(clip)) {
            Path partial = clip.resolveSibling("megamind-6s." + UUID.randomUUID() + ".webm");
            Process ffmpeg = new ProcessBuilder("ffmpeg", "-v", "error", "-y", "-t", "6", "-i", TestMedia.opencv("Megamind.avi").toString(),
                    "-c:v", "libvpx", "-b:v", "600k", "-deadline", "realtime", "-cpu-used", "8", "-an", partial.toString())
                    .redirectErrorStream(true).start();
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ffmpeg.waitFor(120, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                throw new IllegalStateException("ffmpeg could not make " + clip + " (install ffmpeg: scripts/install-prerequisites.sh): " + output);
            }
            Files.move(partial, clip, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        return clip;
    }

    /**
     * @param client the HTTP client
     * @param url    the {@code /analyze} URL
     * @param name   the file name sent
     * @param bytes  the file's content
     * @return the server's answer
     */
    static HttpResponse<String> upload(HttpClient client, String url, String name, byte[] bytes) throws IOException, InterruptedException {
        String boundary = "vp-" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream(bytes.length + 256);
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(bytes);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofMinutes(3))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** @return the answer to a GET */
    static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(1)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
