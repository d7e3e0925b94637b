package io.visionpipeline.speech;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What is said in a media, and when: the {@code speech} stage's result, stored in
 * {@link io.visionpipeline.report.MediaReport#transcript()}.
 *
 * <pre>{@code
 * Transcript transcript = pipeline.analyze(Path.of("talk.mp4")).transcript();
 * for (TranscriptSegment s : transcript.segments()) {
 *     System.out.printf("%s  %s%n", s.start(), s.text());
 * }
 * Files.writeString(Path.of("talk.srt"), SubtitleFormat.SRT.format(transcript));
 * }</pre>
 *
 * A media without an audio track, an image, or audio without speech gives {@link #EMPTY}; so does
 * a pipeline without the {@code speech} stage ({@link io.visionpipeline.report.MediaReport#stages()}
 * says which ran).
 *
 * @param language the spoken language as an ISO 639-1 code ({@code en}, {@code de}, …), empty when
 *                 unknown or nothing was said
 * @param segments the segments in media order
 * @since 0.1
 */
public record Transcript(String language, List<TranscriptSegment> segments) {

    /** No speech. */
    public static final Transcript EMPTY = new Transcript("", List.of());

    /** Validates and copies the fields. */
    public Transcript {
        language = language == null ? "" : language;
        segments = segments == null ? List.of() : List.copyOf(segments);
    }

    /** @return whether nothing was transcribed */
    public boolean isEmpty() {
        return segments.isEmpty();
    }

    /** @return the segments' text joined with spaces */
    public String text() {
        return segments.stream().map(TranscriptSegment::text).filter(t -> !t.isEmpty()).collect(Collectors.joining(" "));
    }

    @Override
    public String toString() {
        return "Transcript[" + (language.isEmpty() ? "" : language + ", ") + segments.size() + " segment(s)]";
    }

    static void checkSpan(Duration start, Duration end) {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (start.isNegative() || end.compareTo(start) < 0) {
            throw new IllegalArgumentException("need 0 <= start <= end, got " + start + " .. " + end);
        }
    }

    static void checkUnit(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1]: " + value);
        }
    }
}
