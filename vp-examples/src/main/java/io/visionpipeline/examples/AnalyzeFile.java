package io.visionpipeline.examples;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.report.HtmlReport;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Analyse a file: faces and body poses once a second; print them, write the JSON report and an
 * HTML page with the findings drawn on the frames.
 *
 * <pre>
 * ./vp example analyze-file /usr/share/doc/opencv-doc/examples/data/Megamind.avi
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
                .pose()
                .build()) {
            MediaReport report = vp.analyze(file);
            for (FrameResult frame : report.frames()) {
                System.out.println(frame.timestamp() + ": " + frame.faces().size() + " face(s), " + frame.poses().size() + " pose(s)");
            }
            ReportJson.write(report, Path.of(file.getFileName() + ".report.json"));
            HtmlReport.builder(report).build().write(Path.of(file.getFileName() + ".html"));
            System.out.println("wrote " + file.getFileName() + ".report.json and " + file.getFileName() + ".html");
        }
    }
}
