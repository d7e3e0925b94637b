package io.visionpipeline.core.library;

import com.google.auto.service.AutoService;
import io.visionpipeline.library.LibraryDocuments;
import io.visionpipeline.library.ReportIndexer;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextTrack;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

import java.util.stream.Collectors;

/**
 * Text on screen becomes searchable: each text track of a video (one line over the frames that
 * show it), or each frame's lines when the report has no tracks (pictures), is an {@code ocr}
 * document, and an {@code on-screen text '…'} fact of its moment.
 */
@AutoService(ReportIndexer.class)
public final class ScreenTextIndexer implements ReportIndexer {
    /** Kind of on-screen text documents and search hits. */
    public static final String KIND = "ocr";

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public void index(MediaReport report, LibraryDocuments out) {
        if (!report.textTracks().isEmpty()) {
            for (TextTrack t : report.textTracks()) {
                out.text(KIND, t.start(), t.end(), t.text());
                out.fact(t.start(), "on-screen text '" + t.text() + "'");
            }
            return;
        }
        for (FrameResult frame : report.frames()) {
            if (!frame.text().isEmpty()) {
                String lines = frame.text().stream().map(TextBlock::text).filter(s -> !s.isBlank()).collect(Collectors.joining(" / "));
                out.text(KIND, frame.timestamp(), frame.timestamp(), lines);
                if (!lines.isEmpty()) {
                    out.fact(frame.timestamp(), "on-screen text '" + lines + "'");
                }
            }
        }
    }
}
