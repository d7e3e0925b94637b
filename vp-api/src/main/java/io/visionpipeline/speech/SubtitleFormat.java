package io.visionpipeline.speech;

import java.time.Duration;
import java.util.Locale;

/**
 * Writes a transcript as subtitles: SubRip ({@code .srt}) or WebVTT ({@code .vtt}).
 *
 * <pre>{@code
 * Files.writeString(Path.of("talk.srt"), SubtitleFormat.SRT.format(report.transcript()));
 * Files.writeString(Path.of("talk.vtt"), SubtitleFormat.WEBVTT.format(report.transcript()));
 * }</pre>
 *
 * One cue per segment with text, numbered from 1; segments without text are left out.
 *
 * @since 0.1
 */
public enum SubtitleFormat {
    /** SubRip: numbered cues, times as {@code 00:01:02,345}. */
    SRT("srt", "", ','),
    /** WebVTT: a {@code WEBVTT} header, then numbered cues, times as {@code 00:01:02.345}. */
    WEBVTT("vtt", "WEBVTT\n\n", '.');

    private final String extension;
    private final String header;
    private final char millisSeparator;

    SubtitleFormat(String extension, String header, char millisSeparator) {
        this.extension = extension;
        this.header = header;
        this.millisSeparator = millisSeparator;
    }

    /** @return the file name extension, without the dot: {@code srt} or {@code vtt} */
    public String extension() {
        return extension;
    }

    /**
     * @param transcript a transcript
     * @return its subtitles, lines ending in {@code \n}
     */
    public String format(Transcript transcript) {
        StringBuilder out = new StringBuilder(header);
        int cue = 0;
        for (TranscriptSegment segment : transcript.segments()) {
            if (segment.text().isEmpty()) {
                continue;
            }
            out.append(++cue).append('\n')
                    .append(time(segment.start())).append(" --> ").append(time(segment.end())).append('\n')
                    .append(segment.text().replace("\r", "").replace("\n\n", "\n")).append("\n\n");
        }
        return out.toString();
    }

    private String time(Duration t) {
        long millis = t.toMillis();
        return String.format(Locale.ROOT, "%02d:%02d:%02d%c%03d",
                millis / 3_600_000, millis / 60_000 % 60, millis / 1000 % 60, millisSeparator, millis % 1000);
    }
}
