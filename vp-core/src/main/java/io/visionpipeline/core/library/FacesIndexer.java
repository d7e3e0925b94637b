package io.visionpipeline.core.library;

import com.google.auto.service.AutoService;
import io.visionpipeline.face.Face;
import io.visionpipeline.library.LibraryDocuments;
import io.visionpipeline.library.ReportIndexer;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

import java.util.ArrayList;
import java.util.List;

/**
 * Faces per frame become moment facts: how many people are visible, and for each where (left,
 * centre, right) and whether it is a close-up. Frames of a media where the faces stage ran but
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
        for (FrameResult frame : report.frames()) {
            List<Face> faces = frame.faces();
            out.fact(frame.timestamp(), describe(faces, width, area));
        }
    }

    static String describe(List<Face> faces, int width, double area) {
        if (faces.isEmpty()) {
            return "no people visible";
        }
        List<String> where = new ArrayList<>();
        for (Face f : faces) {
            double cx = f.box().x() + f.box().width() / 2;
            String side = cx < width / 3.0 ? "left" : cx > 2 * width / 3.0 ? "right" : "centre";
            where.add((f.box().area() / area >= CLOSE_UP_AREA ? "close-up " : "") + side);
        }
        return (faces.size() == 1 ? "1 person" : faces.size() + " people") + " visible (" + String.join(", ", where) + ")";
    }
}
