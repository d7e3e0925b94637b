package io.visionpipeline.cli;

import io.visionpipeline.executor.Progress;
import io.visionpipeline.executor.ProgressListener;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * Draws job progress on stderr: frames done / expected, percentage and ETA, redrawn in place on a
 * terminal, or a line every few seconds when stderr is redirected.
 */
final class ProgressBar implements ProgressListener {
    private static final int WIDTH = 28;
    private static final long LOG_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final boolean terminal;
    private long lastLine;
    private int lastLength;

    ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    @Override
    public synchronized void onProgress(Progress p) {
        String line = render(p);
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
            if (p.finished()) {
                out.print("\r" + " ".repeat(lastLength) + "\r");
                lastLength = 0;
            }
            out.flush();
        } else if (p.finished() || System.nanoTime() - lastLine > LOG_INTERVAL_NANOS) {
            lastLine = System.nanoTime();
            out.println(line);
        }
    }

    static String render(Progress p) {
        double f = p.fraction();
        int filled = (int) Math.round(f * WIDTH);
        String total = p.framesExpected() > 0 ? Long.toString(p.framesExpected()) : "?";
        String eta = p.finished() ? "done" : p.eta().map(d -> "ETA " + format(d)).orElse("ETA --:--");
        return String.format(Locale.ROOT, "%s [%s%s] %3.0f%% %d/%s frames %s",
                shortName(p.mediaId()), "#".repeat(filled), ".".repeat(WIDTH - filled), f * 100, p.framesDone(), total, eta);
    }

    private static String shortName(String mediaId) {
        String name = mediaId.substring(Math.max(mediaId.lastIndexOf('/'), mediaId.lastIndexOf('\\')) + 1);
        return name.length() > 24 ? name.substring(0, 21) + "..." : name;
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
