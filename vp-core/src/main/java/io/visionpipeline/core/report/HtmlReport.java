package io.visionpipeline.core.report;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.Identity;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.ocr.TextTrack;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.FlaggedRange;
import io.visionpipeline.safety.SafetySummary;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.speech.TranscriptSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A {@link MediaReport} as one self-contained, offline HTML page: a timeline of the sampled frames
 * as thumbnails with their findings drawn over them (face boxes and landmarks, pose skeletons, OCR
 * polygons with their text), frames the {@code nsfw} stage flagged blurred until clicked, the flagged
 * time ranges on a bar, a gallery of the faces seen, the transcript with timestamps (flagged parts
 * highlighted; a click shows the nearest frame) and the text seen on screen. Pictures are JPEG
 * {@code data:} URIs and the CSS and JavaScript are inline: the file opens anywhere, with no
 * network.
 *
 * <p>The frames are read again from the media with the report's sampling policy, one at a time,
 * and written out as they come: memory stays bounded by one frame and the face gallery.
 *
 * <pre>{@code
 * MediaReport report = pipeline.analyze(Path.of("talk.mp4"));
 * HtmlReport.builder(report).source(MediaSource.of(Path.of("talk.mp4"))).build().write(Path.of("talk.html"));
 * }</pre>
 *
 * @since 0.1
 */
public final class HtmlReport {
    /** Default width of frame thumbnails, in pixels. */
    public static final int DEFAULT_THUMBNAIL_WIDTH = 480;
    /** Default most frames shown; longer reports show every n-th frame plus every flagged one. */
    public static final int DEFAULT_MAX_FRAMES = 240;
    /** Most face crops in the gallery. */
    static final int MAX_GALLERY_FACES = 32;
    /** Size of a face crop in the gallery, in pixels. */
    static final int GALLERY_CROP = 96;
    private static final Logger LOG = LoggerFactory.getLogger(HtmlReport.class);
    private static final String CSS = resource("report.css");
    private static final String JS = resource("report.js");

    private final MediaReport report;
    private final MediaSource source;
    private final int thumbnailWidth;
    private final int maxFrames;

    private HtmlReport(Builder b) {
        this.report = b.report;
        this.source = b.source;
        this.thumbnailWidth = b.thumbnailWidth;
        this.maxFrames = b.maxFrames;
    }

    /**
     * @param report the report to show
     * @return a builder; by default the frames are read from the report's media id as a path or URI
     */
    public static Builder builder(MediaReport report) {
        return new Builder(report);
    }

    /**
     * Writes the page to a file (its folder is created).
     *
     * @param file where to write
     * @throws VisionPipelineException naming the file when it cannot be written
     */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                render(out);
            }
        } catch (IOException | UncheckedIOException e) {
            throw new VisionPipelineException("Cannot write HTML report " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes the page to a writer (not closed).
     *
     * @param writer where to write
     * @throws IOException when the writer fails
     */
    public void render(Writer writer) throws IOException {
        Writer out = writer instanceof BufferedWriter ? writer : new BufferedWriter(writer);
        MediaInfo media = report.media();
        out.write("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>VisionPipeline report: " + escape(name(media)) + "</title><style>" + CSS
                + "figure.frame{--w:" + thumbnailWidth + "px}</style></head><body>\n");
        header(out);
        safety(out);
        Map<String, String> labels = identityLabels();
        List<String> gallery = timeline(out, labels);
        identities(out, gallery);
        transcript(out);
        textTracks(out);
        out.write("<script>" + JS + "</script></body></html>\n");
        out.flush();
    }

    /**
     * The label drawn above a face box: its identity's name, or its identity id when the person
     * is not known, or "face" and the detector score when the face has no identity.
     *
     * @param face   a detected face
     * @param labels identity id → label ({@link io.visionpipeline.face.Identity#label()})
     * @return the text to draw above its box
     */
    static String faceLabel(Face face, Map<String, String> labels) {
        if (face.identity() != null) {
            return labels.getOrDefault(face.identity(), face.identity());
        }
        return String.format(Locale.ROOT, "face %.2f", face.score());
    }

    /** @return identity id → its label, for the report's identities */
    private Map<String, String> identityLabels() {
        Map<String, String> labels = new HashMap<>();
        report.identities().forEach(i -> labels.put(i.id(), i.label()));
        return labels;
    }

    /**
     * The gallery of faces seen: one figure per identity (its best face's thumbnail, its label,
     * how many faces, when it is on screen; clicking seeks to its first appearance) when the faces
     * stage formed identities, else one crop per detected face (first {@value #MAX_GALLERY_FACES}).
     */
    private void identities(Writer out, List<String> crops) throws IOException {
        if (report.identities().isEmpty() && crops.isEmpty()) {
            return;
        }
        out.write("<section id=\"identities\"><h2>" + (report.identities().isEmpty() ? "Faces" : "People") + "</h2><div class=\"gallery\">");
        if (report.identities().isEmpty()) {
            for (String crop : crops) {
                out.write(crop);
            }
        }
        for (Identity person : report.identities()) {
            out.write("<figure class=\"identity\" id=\"" + escape(person.id()) + "\" data-seek=\""
                    + seconds(person.appearances().get(0).start()) + "\">");
            if (person.thumbnail() != null) {
                out.write("<img alt=\"" + escape(person.label()) + "\" src=\"data:image/jpeg;base64,"
                        + Base64.getEncoder().encodeToString(person.thumbnail()) + "\">");
            }
            List<String> ranges = new ArrayList<>();
            person.appearances().forEach(a -> ranges.add(time(a.start()) + "–" + time(a.end())));
            out.write(escape(person.label()) + "<br>" + person.faces() + " face(s)<br>" + escape(String.join(", ", ranges)) + "</figure>");
        }
        out.write("</div></section>\n");
    }

    private void header(Writer out) throws IOException {
        MediaInfo media = report.media();
        List<String> facts = new ArrayList<>();
        facts.add(media.kind().name().toLowerCase(Locale.ROOT));
        if (media.width() > 0) {
            facts.add(media.width() + "×" + media.height());
        }
        if (!media.duration().isZero()) {
            facts.add(time(media.duration()));
        }
        if (media.frameRate() > 0 && media.kind() == MediaKind.VIDEO) {
            facts.add(String.format(Locale.ROOT, "%.2f fps", media.frameRate()));
        }
        facts.add(report.frames().size() + " sampled frame(s)" + (report.sampling().isEmpty() ? "" : " (" + report.sampling() + ")"));
        facts.add("stages: " + report.stages().stream().map(s -> s.kind() + (s.provider().isEmpty() ? "" : " (" + s.provider() + ")"))
                .collect(Collectors.joining(", ")));
        out.write("<header><h1>" + escape(name(media)) + "</h1><p class=\"meta\">" + escape(String.join(" · ", facts))
                + "</p><p class=\"meta\">" + escape(media.mediaId()) + " · analysed " + report.createdAt() + " in "
                + time(report.timings().wallTime()) + "</p>");
        for (String warning : report.warnings()) {
            out.write("<p class=\"warnings\">⚠ " + escape(warning) + "</p>");
        }
        out.write("</header>\n");
    }

    private void safety(Writer out) throws IOException {
        SafetySummary safety = report.safety();
        if (safety == null) {
            return;
        }
        out.write("<section id=\"safety\"><h2>Safety</h2><p>" + escape(String.format(Locale.ROOT,
                "%d of %d frame(s) flagged (unsafe ≥ %.2f); highest %.3f at %s", safety.flaggedFrames(), safety.frames(),
                safety.threshold(), safety.maxUnsafe(), time(safety.maxUnsafeAt()))) + "</p>");
        double total = report.media().duration().toNanos();
        if (total > 0) {
            out.write("<div class=\"bar\" title=\"flagged time ranges\">");
            for (FlaggedRange r : safety.flaggedRanges()) {
                double left = 100 * r.start().toNanos() / total;
                double width = Math.max(0.5, 100 * r.end().minus(r.start()).toNanos() / total);
                out.write(String.format(Locale.ROOT, "<div class=\"range\" style=\"left:%.2f%%;width:%.2f%%\" title=\"%s\"></div>",
                        left, width, escape(r.toString())));
            }
            out.write("</div>");
        }
        if (!safety.flaggedRanges().isEmpty()) {
            out.write("<ol class=\"segments\">");
            for (FlaggedRange r : safety.flaggedRanges()) {
                out.write("<li class=\"flagged\" data-seek=\"" + seconds(r.start()) + "\"><time>" + time(r.start()) + "–"
                        + time(r.end()) + "</time>" + escape(String.format(Locale.ROOT, "%d frame(s), max %.2f", r.frames(), r.maxUnsafe()))
                        + "</li>");
            }
            out.write("</ol>");
        }
        out.write("</section>\n");
    }

    /** Writes the frames; returns the face gallery's figures. */
    private List<String> timeline(Writer out, Map<String, String> labels) throws IOException {
        List<FrameResult> frames = report.frames();
        List<String> gallery = new ArrayList<>();
        out.write("<section id=\"timeline\"><h2>Frames</h2><div class=\"frames\">\n");
        int step = Math.max(1, (frames.size() + maxFrames - 1) / maxFrames);
        try (FrameSource pictures = FrameSource.open(source, report)) {
            for (int i = 0; i < frames.size(); i++) {
                FrameResult frame = frames.get(i);
                boolean flagged = frame.safety() != null && frame.safety().flagged();
                if (i % step != 0 && !flagged) {
                    continue;
                }
                ImageFrame picture = pictures.at(frame.index());
                figure(out, frame, picture, flagged, labels);
                if (picture != null && report.identities().isEmpty()) {
                    for (Face face : frame.faces()) {
                        if (gallery.size() < MAX_GALLERY_FACES) {
                            gallery.add(galleryFigure(picture, frame, face));
                        }
                    }
                }
            }
            if (pictures.problem() != null) {
                out.write("<p class=\"warnings\">⚠ frames not shown: " + escape(pictures.problem()) + "</p>");
            }
        }
        out.write("</div></section>\n");
        return gallery;
    }

    private void figure(Writer out, FrameResult frame, ImageFrame picture, boolean flagged, Map<String, String> labels) throws IOException {
        int width = picture != null ? picture.width() : Math.max(1, report.media().width());
        int height = picture != null ? picture.height() : Math.max(1, report.media().height());
        List<String> classes = new ArrayList<>(List.of("frame"));
        if (flagged) {
            classes.add("nsfw");
        }
        if (inFlaggedRange(frame.timestamp())) {
            classes.add("flagged-range");
        }
        out.write("<figure class=\"" + String.join(" ", classes) + "\" id=\"frame-" + frame.index() + "\" data-t=\""
                + seconds(frame.timestamp()) + "\" data-width=\"" + width + "\" data-height=\"" + height + "\"><div class=\"pic\">");
        if (picture != null) {
            out.write("<img alt=\"frame " + frame.index() + "\" src=\"" + Thumbnails.dataUri(picture, thumbnailWidth) + "\">");
        } else {
            out.write("<div class=\"blank\" style=\"--ar:" + width + "/" + height + "\"></div>");
        }
        out.write(FrameOverlay.svg(frame, width, height, labels));
        out.write("</div><figcaption><time>" + time(frame.timestamp()) + "</time> #" + frame.index() + " · "
                + escape(caption(frame)) + "</figcaption></figure>\n");
    }

    private static String caption(FrameResult frame) {
        List<String> parts = new ArrayList<>();
        parts.add(frame.faces().size() + " face(s)");
        if (!frame.poses().isEmpty()) {
            parts.add(frame.poses().size() + " pose(s)");
        }
        if (!frame.text().isEmpty()) {
            parts.add(frame.text().size() + " text line(s)");
        }
        if (frame.safety() != null) {
            parts.add(String.format(Locale.ROOT, "unsafe %.2f%s", frame.safety().unsafe(), frame.safety().flagged() ? " FLAGGED" : ""));
        }
        return String.join(", ", parts);
    }

    private static String galleryFigure(ImageFrame picture, FrameResult frame, Face face) {
        BoundingBox b = face.box();
        double margin = 0.15 * Math.max(b.width(), b.height());
        BoundingBox crop = BoundingBox.ofCorners(b.x() - margin, b.y() - margin, b.maxX() + margin, b.maxY() + margin);
        return "<figure data-seek=\"" + seconds(frame.timestamp()) + "\"><img alt=\"face\" src=\""
                + Thumbnails.dataUri(picture, crop, GALLERY_CROP) + "\">" + escape(faceLabel(face, Map.of())) + "<br>"
                + time(frame.timestamp()) + "</figure>";
    }

    private void transcript(Writer out) throws IOException {
        if (report.transcript().isEmpty()) {
            return;
        }
        out.write("<section id=\"transcript\"><h2>Transcript" + (report.transcript().language().isEmpty() ? ""
                : " (" + escape(report.transcript().language()) + ")") + "</h2><ol class=\"segments\">");
        for (TranscriptSegment s : report.transcript().segments()) {
            boolean flagged = overlapsFlagged(s.start(), s.end());
            out.write("<li" + (flagged ? " class=\"flagged\"" : "") + " data-seek=\"" + seconds(s.start()) + "\"><time>"
                    + time(s.start()) + "–" + time(s.end()) + "</time>" + escape(s.text()) + "</li>");
        }
        out.write("</ol></section>\n");
    }

    private void textTracks(Writer out) throws IOException {
        if (report.textTracks().isEmpty()) {
            return;
        }
        out.write("<section id=\"text\"><h2>Text on screen</h2><ol class=\"segments\">");
        for (TextTrack t : report.textTracks()) {
            out.write("<li data-seek=\"" + seconds(t.start()) + "\"><time>" + time(t.start()) + "–" + time(t.end()) + "</time>"
                    + escape(t.text()) + "</li>");
        }
        out.write("</ol></section>\n");
    }

    private boolean inFlaggedRange(Duration t) {
        return overlapsFlagged(t, t);
    }

    private boolean overlapsFlagged(Duration start, Duration end) {
        SafetySummary safety = report.safety();
        return safety != null && safety.flaggedRanges().stream()
                .anyMatch(r -> start.compareTo(r.end()) <= 0 && end.compareTo(r.start()) >= 0);
    }

    private static String name(MediaInfo media) {
        String id = media.mediaId();
        return id.substring(Math.max(id.lastIndexOf('/'), id.lastIndexOf('\\')) + 1);
    }

    /**
     * @param t a media time
     * @return it as {@code m:ss.s}
     */
    static String time(Duration t) {
        long millis = t.toMillis();
        return String.format(Locale.ROOT, "%d:%04.1f", millis / 60_000, millis % 60_000 / 1000.0);
    }

    private static String seconds(Duration t) {
        return String.format(Locale.ROOT, "%.3f", t.toNanos() / 1e9);
    }

    /**
     * @param text any text
     * @return the text safe inside HTML elements and quoted attributes
     */
    static String escape(String text) {
        StringBuilder s = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> s.append("&lt;");
                case '>' -> s.append("&gt;");
                case '&' -> s.append("&amp;");
                case '"' -> s.append("&quot;");
                case '\'' -> s.append("&#39;");
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + name + " next to " + HtmlReport.class.getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read resource " + name, e);
        }
    }

    /**
     * The sampled frames of the media, read again in order and matched to the report's frames by
     * index; without a readable media, no pictures (and the reason).
     */
    private static final class FrameSource implements AutoCloseable {
        private final FrameReader reader;
        private String problem;
        private ImageFrame pending;

        private FrameSource(FrameReader reader, String problem) {
            this.reader = reader;
            this.problem = problem;
        }

        static FrameSource open(MediaSource source, MediaReport report) {
            if (source == null || report.frames().isEmpty() || report.media().kind() == MediaKind.AUDIO) {
                return new FrameSource(null, null);
            }
            FrameSampling sampling = report.sampling().isEmpty() ? FrameSampling.everyNthFrame(1) : FrameSampling.parse(report.sampling());
            try {
                return new FrameSource(FrameReader.open(source, sampling), null);
            } catch (MediaDecodeException e) {
                LOG.warn("HTML report of {} without pictures: {}", source.id(), e.getMessage());
                return new FrameSource(null, e.getMessage());
            }
        }

        /** @return the sampled frame with this index, or null when the media has none (left as a blank) */
        ImageFrame at(long index) {
            if (reader == null) {
                return null;
            }
            try {
                while (pending == null || pending.index() < index) {
                    pending = reader.next();
                    if (pending == null) {
                        return null;
                    }
                }
            } catch (MediaDecodeException e) {
                problem = e.getMessage();
                return null;
            }
            return pending.index() == index ? pending : null;
        }

        String problem() {
            return problem;
        }

        @Override
        public void close() {
            if (reader != null) {
                reader.close();
            }
        }
    }

    /** Configures an {@link HtmlReport}. */
    public static final class Builder {
        private final MediaReport report;
        private MediaSource source;
        private int thumbnailWidth = DEFAULT_THUMBNAIL_WIDTH;
        private int maxFrames = DEFAULT_MAX_FRAMES;

        private Builder(MediaReport report) {
            this.report = Objects.requireNonNull(report, "report");
            String id = report.media().mediaId();
            this.source = id.matches("[a-zA-Z][a-zA-Z0-9+.-]+://.*") ? MediaSource.of(java.net.URI.create(id)) : MediaSource.of(Path.of(id));
        }

        /**
         * @param source the media the report is about, to read its frames from; null for a page without pictures
         * @return this builder
         */
        public Builder source(MediaSource source) {
            this.source = source;
            return this;
        }

        /**
         * @param width widest thumbnail in pixels (default {@value #DEFAULT_THUMBNAIL_WIDTH})
         * @return this builder
         */
        public Builder thumbnailWidth(int width) {
            if (width < 16) {
                throw new IllegalArgumentException("thumbnail width must be at least 16 pixels: " + width);
            }
            this.thumbnailWidth = width;
            return this;
        }

        /**
         * @param frames most frames to show (default {@value #DEFAULT_MAX_FRAMES}); flagged frames are always shown
         * @return this builder
         */
        public Builder maxFrames(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("maxFrames must be positive: " + frames);
            }
            this.maxFrames = frames;
            return this;
        }

        /** @return the configured page */
        public HtmlReport build() {
            return new HtmlReport(this);
        }
    }
}
