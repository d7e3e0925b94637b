package io.visionpipeline.cli;

import io.visionpipeline.media.MediaKind;
import io.visionpipeline.pose.Keypoint;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.safety.FlaggedRange;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.safety.SafetySummary;

import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary lines of the {@code pose} and {@code nsfw} stages. */
final class PoseSafetySummary {
    private static final int MAX_LISTED = 12;
    /** Keypoint score counted as seen in the summary. */
    private static final double SEEN = 0.3;

    private PoseSafetySummary() {
    }

    static void pose(MediaReport report, StageRun stage, StringBuilder s) {
        long people = report.frames().stream().mapToLong(f -> f.poses().size()).sum();
        long withPeople = report.frames().stream().filter(f -> !f.poses().isEmpty()).count();
        s.append("  pose (").append(stage.provider()).append(", ").append(stage.model()).append("): ").append(people)
                .append(" person(s) in ").append(withPeople).append(" of ").append(report.frames().size()).append(" frame(s)");
        if (report.media().kind() != MediaKind.VIDEO) {
            s.append('\n');
            for (Pose p : report.frames().stream().flatMap(f -> f.poses().stream()).limit(MAX_LISTED).toList()) {
                s.append(String.format(Locale.ROOT, "    person at %.0f,%.0f %.0fx%.0f (%.2f), %d of 17 keypoints seen%n", p.box().x(),
                        p.box().y(), p.box().width(), p.box().height(), p.score(),
                        p.keypoints().stream().filter(k -> k.score() >= SEEN).count()));
            }
            return;
        }
        Map<Integer, Track> tracks = new LinkedHashMap<>();
        for (FrameResult f : report.frames()) {
            for (Pose p : f.poses()) {
                tracks.computeIfAbsent(p.trackId(), id -> new Track(id, f.timestamp())).seen(f.timestamp());
            }
        }
        s.append(", ").append(tracks.size()).append(" track(s)\n");
        List<Track> longest = tracks.values().stream().sorted(Comparator.comparingInt(Track::frames).reversed()).limit(MAX_LISTED).toList();
        for (Track t : longest) {
            s.append(String.format(Locale.ROOT, "    track %-4d %9s – %-9s %d frame(s)%n", t.id, ReportSummary.seconds(t.first),
                    ReportSummary.seconds(t.last), t.frames));
        }
        if (tracks.size() > longest.size()) {
            s.append("    … ").append(tracks.size() - longest.size()).append(" shorter track(s) in the JSON report\n");
        }
    }

    static void safety(MediaReport report, StageRun stage, StringBuilder s) {
        s.append("  nsfw (").append(stage.provider()).append(", ").append(stage.model()).append("): ");
        SafetySummary summary = report.safety();
        if (summary == null) {
            s.append("no frame scored\n");
            return;
        }
        if (report.media().kind() != MediaKind.VIDEO) {
            SafetyScore score = report.frames().get(0).safety();
            s.append(String.format(Locale.ROOT, "%s, unsafe %.2f%s (top class %s %.2f)%n", score.flagged() ? "FLAGGED" : "ok",
                    score.unsafe(), score.flagged() ? " >= " + summary.threshold() : "", score.topClass().label(),
                    score.score(score.topClass())));
            return;
        }
        s.append(String.format(Locale.ROOT, "%d of %d frame(s) flagged (%.0f %%) at %.2f, max unsafe %.2f at %s%n", summary.flaggedFrames(),
                summary.frames(), 100 * summary.flaggedShare(), summary.threshold(), summary.maxUnsafe(),
                ReportSummary.seconds(summary.maxUnsafeAt())));
        for (FlaggedRange r : summary.flaggedRanges().stream().limit(MAX_LISTED).toList()) {
            s.append(String.format(Locale.ROOT, "    flagged %9s – %-9s %d frame(s), max %.2f%n", ReportSummary.seconds(r.start()),
                    ReportSummary.seconds(r.end()), r.frames(), r.maxUnsafe()));
        }
        if (summary.flaggedRanges().size() > MAX_LISTED) {
            s.append("    … ").append(summary.flaggedRanges().size() - MAX_LISTED).append(" more flagged range(s) in the JSON report\n");
        }
    }

    /** A person's track as the summary shows it. */
    private static final class Track {
        private final int id;
        private final Duration first;
        private Duration last;
        private int frames;

        Track(int id, Duration first) {
            this.id = id;
            this.first = first;
        }

        void seen(Duration at) {
            last = at;
            frames++;
        }

        int frames() {
            return frames;
        }
    }
}
