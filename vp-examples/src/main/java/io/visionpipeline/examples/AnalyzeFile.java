package io.visionpipeline.examples;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The README's quick start: analyse one file for faces and write its JSON report.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * java -Dvp.models.allowDownloads=true -cp "vp-examples/target/vp-examples.jar:vp-examples/target/lib/*" \
 *      io.visionpipeline.examples.AnalyzeFile /usr/share/doc/opencv-doc/examples/data/Megamind.avi
 * </pre>
 */
public final class AnalyzeFile {
    private AnalyzeFile() {
    }

    /**
     * @param args the media file to analyse
     */
    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "talk.mp4");
        try (VisionPipeline vp = VisionPipeline.builder()
                .sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces()
                .build()) {
            MediaReport report = vp.analyze(file);
            for (FrameResult frame : report.frames()) {
                System.out.println(frame.timestamp() + ": " + frame.faces());
            }
            ReportJson.write(report, Path.of(file.getFileName() + ".report.json"));
        }
    }
}
