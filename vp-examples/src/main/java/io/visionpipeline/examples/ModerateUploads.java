package io.visionpipeline.examples;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.SafetySummary;
import io.visionpipeline.sampling.FrameSampling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Moderate uploads: NSFW score per frame, faces and text on screen for each upload; a verdict per
 * file (BLOCK when a frame is flagged, REJECT when the file cannot be read, else OK).
 *
 * <pre>
 * ./vp example moderate-uploads /usr/share/doc/opencv-doc/examples/data/messi5.jpg uploads/
 * </pre>
 */
public final class ModerateUploads {
    private ModerateUploads() {
    }

    /**
     * @param args upload files or folders
     */
    public static void main(String[] args) {
        List<MediaSource> uploads = Arrays.stream(args).map(a -> MediaSource.of(Path.of(a))).toList();
        try (VisionPipeline vp = VisionPipeline.builder()
                .sampling(FrameSampling.every(Duration.ofSeconds(2)))
                .nsfw()
                .faces()
                .ocr()
                .timeout(Duration.ofMinutes(5))
                .build()) {
            for (AnalysisResult result : vp.analyzeAll(uploads)) {
                if (!result.isSuccess()) {
                    System.out.println("REJECT " + result.source().id() + ": " + result.error().getMessage());
                    continue;
                }
                MediaReport report = result.report();
                SafetySummary safety = report.safety();
                String verdict = safety.flaggedFrames() > 0 ? "BLOCK " : "OK    ";
                long textLines = report.frames().stream().mapToLong(f -> f.text().size()).sum();
                String text = report.frames().stream().flatMap(f -> f.text().stream()).map(t -> t.text()).findFirst().orElse("");
                System.out.printf("%s%s: max unsafe %.2f, %d face(s), %d text line(s)%s%n", verdict, report.media().mediaId(),
                        safety.maxUnsafe(), report.totalFaces(), textLines, text.isEmpty() ? "" : " (\"" + text + "\" …)");
                for (FrameResult frame : report.frames()) {
                    if (frame.safety().flagged()) {
                        System.out.println("       flagged at " + frame.timestamp() + ": " + frame.safety());
                    }
                }
            }
        }
    }
}
