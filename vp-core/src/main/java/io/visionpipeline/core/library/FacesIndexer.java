package io.visionpipeline.core.library;

import com.google.auto.service.AutoService;
import io.visionpipeline.face.Face;
import io.visionpipeline.library.LibraryDocuments;
import io.visionpipeline.library.ReportIndexer;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Faces per frame become moment facts: how many people are visible, and for each who (when the
 * face's identity was recognised from a face gallery), where (left, centre, right) and whether it
 * is a close-up. Frames of a media where the faces stage ran but
 * found nobody say so, so "empty room" moments can be found too.
 */
@AutoService(ReportIndexer.class)
public final class FacesIndexer implements ReportIndexer {
    /** A face covering at least this share of the frame is called a close-up. */
    static final double CLOSE_UP_AREA = 0.08;

    @Override
    public String name() {
        return "faces";
    }

    @Override
    public void index(MediaReport report, LibraryDocuments out) {
        if (report.stages().stream().noneMatch(s -> s.kind().equals("faces"))) {
            return;
        }
        int width = Math.max(1, report.media().width());
        double area = Math.max(1.0, (double) report.media().width() * report.media().height());
        Map<String, String> names = new HashMap<>();
        report.identities().stream().filter(i -> i.name() != null).forEach(i -> names.put(i.id(), i.name()));
        for (FrameResult frame : report.frames()) {
            List<Face> faces = frame.faces();
            out.fact(frame.timestamp(), describe(faces, width, area, names));
        }
    }

    static String describe(List<Face> faces, int width, double area, Map<String, String> names) {
        if (faces.isEmpty()) {
            return "no people visible";
        }
        List<String> where = new ArrayList<>();
        for (Face f : faces) {
            double cx = f.box().x() + f.box().width() / 2;
            String side = cx < width / 3.0 ? "left" : cx > 2 * width / 3.0 ? "right" : "centre";
            String who = f.identity() == null ? null : names.get(f.identity());
            where.add((who == null ? "" : who + ", ") + (f.box().area() / area >= CLOSE_UP_AREA ? "close-up " : "") + side);
        }
        return (faces.size() == 1 ? "1 person" : faces.size() + " people") + " visible (" + String.join(", ", where) + ")";
    }
}
