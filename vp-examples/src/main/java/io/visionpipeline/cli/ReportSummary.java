package io.visionpipeline.cli;

import io.visionpipeline.face.Face;
import io.visionpipeline.face.Identity;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A short human-readable summary of a report, for the terminal. */
final class ReportSummary {
    private static final int MAX_LISTED_FRAMES = 12;

    private ReportSummary() {
    }

    static String of(MediaReport report) {
        StringBuilder s = new StringBuilder();
        MediaInfo m = report.media();
        s.append(m.mediaId()).append('\n');
        s.append("  ").append(m.kind().name().toLowerCase(Locale.ROOT));
        if (m.width() > 0) {
            s.append(' ').append(m.width()).append('x').append(m.height());
        }
        if (m.kind() != MediaKind.IMAGE) {
            s.append(", ").append(seconds(m.duration())).append(m.frameRate() > 0
                    ? String.format(Locale.ROOT, " at %.2f fps", m.frameRate()) : "");
        }
        if (!m.videoCodec().isEmpty()) {
            s.append(", ").append(m.videoCodec());
        }
        if (!m.audioCodec().isEmpty()) {
            s.append(" + ").append(m.audioCodec()).append(" audio");
        }
        s.append('\n');
        s.append("  ").append(report.frames().size()).append(report.frames().size() == 1 ? " frame" : " frames");
        if (m.kind() == MediaKind.VIDEO) {
            s.append(" sampled (").append(report.sampling()).append(')');
        }
        s.append(" in ").append(seconds(report.timings().wallTime())).append('\n');
        for (StageRun stage : report.stages()) {
            if (stage.kind().equals("faces")) {
                faces(report, stage, s);
            } else if (stage.kind().equals("ocr")) {
                text(report, stage, s);
            } else if (stage.kind().equals("speech")) {
                speech(report.transcript(), stage, s);
            } else if (stage.kind().equals("pose")) {
                PoseSafetySummary.pose(report, stage, s);
            } else if (stage.kind().equals("nsfw")) {
                PoseSafetySummary.safety(report, stage, s);
            }
        }
        for (String warning : report.warnings()) {
            s.append("  warning: ").append(warning).append('\n');
        }
        return s.toString();
    }

    private static void faces(MediaReport report, StageRun stage, StringBuilder s) {
        long withFaces = report.frames().stream().filter(f -> !f.faces().isEmpty()).count();
        s.append("  faces (").append(stage.model()).append("): ").append(report.totalFaces()).append(" in ")
                .append(withFaces).append(" of ").append(report.frames().size()).append(" frame(s)\n");
        List<FrameResult> listed = report.frames().size() <= MAX_LISTED_FRAMES ? report.frames()
                : report.frames().stream().filter(f -> !f.faces().isEmpty()).limit(MAX_LISTED_FRAMES).toList();
        for (FrameResult frame : listed) {
            List<String> boxes = new ArrayList<>();
            for (Face face : frame.faces()) {
                boxes.add(String.format(Locale.ROOT, "%s%.0f,%.0f %.0fx%.0f (%.2f)", face.identity() == null ? "" : label(report, face.identity()) + " ",
                        face.box().x(), face.box().y(), face.box().width(), face.box().height(), face.score()));
            }
            s.append(String.format(Locale.ROOT, "    %9s  %s%n", seconds(frame.timestamp()),
                    boxes.isEmpty() ? "-" : String.join("; ", boxes)));
        }
        if (listed.size() < withFaces) {
            s.append("    … ").append(withFaces - listed.size()).append(" more frame(s) with faces in the JSON report\n");
        }
        if (!report.identities().isEmpty()) {
            s.append("  identities: ").append(report.identities().size()).append('\n');
            for (Identity person : report.identities()) {
                s.append(String.format(Locale.ROOT, "    %-8s %s%s, %d face(s): %s%n", person.id(),
                        person.name() == null ? "unknown" : person.name(),
                        person.similarity() == null ? "" : String.format(Locale.ROOT, " (%.2f)", person.similarity()), person.faces(),
                        person.appearances().stream().map(a -> seconds(a.start()) + "–" + seconds(a.end())).toList()));
            }
        }
    }

    private static String label(MediaReport report, String identity) {
        return report.identities().stream().filter(i -> i.id().equals(identity)).findFirst().map(Identity::label).orElse(identity);
    }

    private static void text(MediaReport report, StageRun stage, StringBuilder s) {
        long lines = report.frames().stream().mapToLong(f -> f.text().size()).sum();
        long withText = report.frames().stream().filter(f -> !f.text().isEmpty()).count();
        s.append("  ocr (").append(stage.provider()).append(", ").append(stage.model()).append("): ").append(lines)
                .append(" line(s) in ").append(withText).append(" of ").append(report.frames().size()).append(" frame(s)");
        if (report.media().kind() == MediaKind.VIDEO) {
            s.append(", ").append(report.textTracks().size()).append(" text track(s)\n");
            report.textTracks().stream().limit(MAX_LISTED_FRAMES).forEach(t -> s.append(String.format(Locale.ROOT,
                    "    %9s – %-9s \"%s\" (%.2f)%n", seconds(t.start()), seconds(t.end()), t.text(), t.confidence())));
            if (report.textTracks().size() > MAX_LISTED_FRAMES) {
                s.append("    … ").append(report.textTracks().size() - MAX_LISTED_FRAMES).append(" more text track(s) in the JSON report\n");
            }
        } else {
            s.append('\n');
            report.frames().stream().flatMap(f -> f.text().stream()).forEach(b -> s.append(String.format(Locale.ROOT,
                    "    \"%s\" (%.2f) at %.0f,%.0f%n", b.text(), b.confidence(), b.polygon().bounds().x(), b.polygon().bounds().y())));
        }
    }

    private static void speech(Transcript transcript, StageRun stage, StringBuilder s) {
        s.append("  speech (").append(stage.model()).append("): ");
        if (transcript.isEmpty()) {
            s.append("no speech\n");
            return;
        }
        s.append(transcript.segments().size()).append(" segment(s)").append(transcript.language().isEmpty() ? ""
                : ", language " + transcript.language()).append('\n');
        for (TranscriptSegment segment : transcript.segments()) {
            s.append(String.format(Locale.ROOT, "    [%s -> %s] %s%n", clock(segment.start()), clock(segment.end()), segment.text()));
        }
    }

    /** @return {@code hh:mm:ss.mmm} */
    static String clock(Duration d) {
        long ms = d.toMillis();
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
    }
}
