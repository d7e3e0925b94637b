package io.visionpipeline.core.library;

import com.google.auto.service.AutoService;
import io.visionpipeline.library.LibraryDocuments;
import io.visionpipeline.library.ReportIndexer;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.speech.TranscriptSegment;

/**
 * What is said becomes searchable: each transcript segment is a {@code transcript} document
 * spanning its time, and a {@code speech: …} fact of the moment it starts.
 */
@AutoService(ReportIndexer.class)
public final class TranscriptIndexer implements ReportIndexer {
    /** Kind of transcript documents and search hits. */
    public static final String KIND = "transcript";

    @Override
    public String name() {
        return KIND;
    }

    @Override
    public void index(MediaReport report, LibraryDocuments out) {
        for (TranscriptSegment s : report.transcript().segments()) {
            out.text(KIND, s.start(), s.end(), s.text());
            if (!s.text().isBlank()) {
                out.fact(s.start(), "speech: " + s.text());
            }
        }
    }
}
