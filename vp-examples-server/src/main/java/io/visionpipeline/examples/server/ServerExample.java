package io.visionpipeline.examples.server;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.sampling.FrameSampling;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The server example: faces, poses, NSFW scores and text on screen for uploads, a searchable library, the search page.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * java -Dvp.models.allowDownloads=true -cp "vp-examples-server/target/vp-examples-server.jar:vp-examples-server/target/lib/*" \
 *      io.visionpipeline.examples.server.ServerExample my-library 8080
 * curl -F file=@/usr/share/doc/opencv-doc/examples/data/messi5.jpg 'http://127.0.0.1:8080/analyze?index=true'
 * open http://127.0.0.1:8080/   (search page; /health, /metrics)
 * </pre>
 */
public final class ServerExample {
    private ServerExample() {
    }

    /**
     * @param args the library folder (default {@code vp-library}) and the port (default 8080)
     * @throws InterruptedException when interrupted while serving
     */
    public static void main(String[] args) throws InterruptedException {
        Path libraryDir = Path.of(args.length > 0 ? args[0] : "vp-library").toAbsolutePath();
        int port = args.length > 1 ? Integer.parseInt(args[1]) : 8080;
        try (VisionPipeline vp = VisionPipeline.builder()
                .sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces().pose().nsfw().ocr()
                .timeout(Duration.ofMinutes(5))
                .build();
             MediaLibrary library = MediaLibrary.open(libraryDir);
             MediaServer server = MediaServer.builder(vp).library(library).mediaDir(libraryDir.resolve("media")).port(port).start()) {
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "vp-server-shutdown"));
            server.join();
        }
    }
}
