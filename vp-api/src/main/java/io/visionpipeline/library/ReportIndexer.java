package io.visionpipeline.library;

import io.visionpipeline.report.MediaReport;

/**
 * Turns one kind of result in a {@link MediaReport} into library documents. The media library runs
 * every indexer found with {@link java.util.ServiceLoader} on each report it adds, so a new result
 * kind (transcripts, OCR tracks, identities, CLIP vectors) becomes searchable by registering an
 * indexer with {@code @AutoService(ReportIndexer.class)}, without touching the library.
 *
 * <pre>{@code
 * @AutoService(ReportIndexer.class)
 * public final class TranscriptIndexer implements ReportIndexer {
 *     public String name() { return "transcript"; }
 *     public void index(MediaReport report, LibraryDocuments out) {
 *         for (Segment s : report.transcript().segments()) {
 *             out.text("transcript", s.start(), s.end(), s.text());
 *             out.fact(s.start(), "speech: " + s.text());
 *         }
 *     }
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface ReportIndexer {

    /** @return the indexer's name, for logs */
    String name();

    /**
     * @param report a report being added to the library
     * @param out    where to put what is found
     */
    void index(MediaReport report, LibraryDocuments out);
}
