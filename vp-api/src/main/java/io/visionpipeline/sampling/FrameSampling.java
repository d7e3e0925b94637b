package io.visionpipeline.sampling;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Which decoded video frames are analysed. Every frame is decoded (video codecs need it), but only
 * sampled frames are converted to RGB and passed to the stages.
 *
 * <pre>{@code
 * FrameSampling.every(Duration.ofSeconds(1));   // one frame per second of media time
 * FrameSampling.everyNthFrame(10);             // frames 0, 10, 20, …
 * FrameSampling.atMost(50);                    // 50 frames spread evenly over the duration
 * FrameSampling.onSceneChange(0.3);            // a frame whenever the picture changes by 30 %
 * FrameSampling.parse("500ms");                // the CLI form: 500ms, 2s, 10f, max:50, scene:0.3[,gap=2s]
 * }</pre>
 *
 * Still images always yield their one frame.
 *
 * @since 0.1
 */
public sealed interface FrameSampling
        permits FrameSampling.Interval, FrameSampling.NthFrame, FrameSampling.MaxFrames, FrameSampling.SceneChange {

    /** The default policy: one frame per second. */
    FrameSampling DEFAULT = every(Duration.ofSeconds(1));

    /**
     * @return the policy in the form {@link #parse(String)} reads back, e.g. {@code 1s} or {@code max:50}
     */
    String text();

    /**
     * @param interval media time between sampled frames, positive
     * @return a policy that samples the first frame at or after 0, interval, 2·interval, …
     */
    static FrameSampling every(Duration interval) {
        return new Interval(interval);
    }

    /**
     * @param n keep every n-th decoded frame, at least 1 (1 = every frame)
     * @return the policy
     */
    static FrameSampling everyNthFrame(int n) {
        return new NthFrame(n);
    }

    /**
     * @param count at most this many frames, spread evenly over the media's duration
     * @return the policy
     */
    static FrameSampling atMost(int count) {
        return new MaxFrames(count);
    }

    /**
     * @param threshold mean absolute difference of a small grey thumbnail, as a share of full
     *                  scale (0–1), above which a frame counts as a new scene
     * @return the policy, with at least 0.5 s between scene frames
     */
    static FrameSampling onSceneChange(double threshold) {
        return new SceneChange(threshold, Duration.ofMillis(500));
    }

    /**
     * Parses the CLI form: {@code 1s}, {@code 250ms}, {@code 1.5s} (interval), {@code 10f} (every
     * 10th frame), {@code max:50} (at most 50 frames), {@code scene:0.3} or {@code scene:0.3,gap=2s}
     * (scene change, with the least time between two scene frames).
     *
     * @param text the policy text
     * @return the policy
     * @throws IllegalArgumentException naming the text when it does not parse
     */
    static FrameSampling parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("max:")) {
                return atMost(Integer.parseInt(t.substring(4)));
            }
            if (t.startsWith("scene:")) {
                String[] parts = t.substring(6).split(",gap=");
                double threshold = Double.parseDouble(parts[0]);
                return parts.length == 1 ? onSceneChange(threshold)
                        : new SceneChange(threshold, ((Interval) parse(parts[1])).interval());
            }
            if (t.endsWith("ms")) {
                return every(Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 2)) * 1e6)));
            }
            if (t.endsWith("s")) {
                return every(Duration.ofNanos(Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1e9)));
            }
            if (t.endsWith("f")) {
                return everyNthFrame(Integer.parseInt(t.substring(0, t.length() - 1)));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid frame sampling '" + text + "': " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("Invalid frame sampling '" + text
                + "': expected e.g. 1s, 500ms, 10f, max:50 or scene:0.3");
    }

    /**
     * One frame per interval of media time.
     *
     * @param interval media time between sampled frames
     */
    record Interval(Duration interval) implements FrameSampling {
        /** Validates the interval. */
        public Interval {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("interval must be positive: " + interval);
            }
        }

        @Override
        public String text() {
            long nanos = interval.toNanos();
            return nanos % 1_000_000_000L == 0 ? nanos / 1_000_000_000L + "s"
                    : nanos % 1_000_000L == 0 ? nanos / 1_000_000L + "ms"
                    : java.math.BigDecimal.valueOf(nanos, 9).stripTrailingZeros().toPlainString() + "s";
        }
    }

    /**
     * Every n-th decoded frame.
     *
     * @param n the step, at least 1
     */
    record NthFrame(int n) implements FrameSampling {
        /** Validates n. */
        public NthFrame {
            if (n < 1) {
                throw new IllegalArgumentException("n must be >= 1: " + n);
            }
        }

        @Override
        public String text() {
            return n + "f";
        }
    }

    /**
     * At most {@code count} frames spread evenly over the duration (the first {@code count} frames
     * when the duration is unknown).
     *
     * @param count the most frames to keep, at least 1
     */
    record MaxFrames(int count) implements FrameSampling {
        /** Validates count. */
        public MaxFrames {
            if (count < 1) {
                throw new IllegalArgumentException("count must be >= 1: " + count);
            }
        }

        @Override
        public String text() {
            return "max:" + count;
        }
    }

    /**
     * The first frame, then each frame that differs enough from the last sampled one.
     *
     * @param threshold mean absolute grey-level difference as a share of full scale, in (0, 1)
     * @param minGap    least media time between two sampled frames
     */
    record SceneChange(double threshold, Duration minGap) implements FrameSampling {
        /** Validates the fields. */
        public SceneChange {
            if (!(threshold > 0 && threshold < 1)) {
                throw new IllegalArgumentException("threshold must be in (0, 1): " + threshold);
            }
            Objects.requireNonNull(minGap, "minGap");
            if (minGap.isNegative() || minGap.isZero()) {
                throw new IllegalArgumentException("minGap must be positive: " + minGap);
            }
        }

        @Override
        public String text() {
            String base = "scene:" + threshold;
            return minGap.equals(Duration.ofMillis(500)) ? base : base + ",gap=" + new Interval(minGap).text();
        }
    }
}
