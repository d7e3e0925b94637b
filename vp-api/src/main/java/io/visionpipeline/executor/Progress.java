package io.visionpipeline.executor;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How far one job has come.
 *
 * @param jobId          the job
 * @param mediaId        its media
 * @param framesDone     sampled frames fully analysed
 * @param framesExpected estimated sampled frames in total, 0 when unknown
 * @param mediaPosition  media time of the last analysed frame
 * @param mediaDuration  media duration, zero when unknown
 * @param elapsed        wall time since the job started
 * @param finished       whether this is the job's last progress event
 * @since 0.1
 */
public record Progress(String jobId, String mediaId, long framesDone, long framesExpected,
                       Duration mediaPosition, Duration mediaDuration, Duration elapsed, boolean finished) {

    /** Validates the fields. */
    public Progress {
        Objects.requireNonNull(jobId, "jobId");
        Objects.requireNonNull(mediaId, "mediaId");
        Objects.requireNonNull(mediaPosition, "mediaPosition");
        Objects.requireNonNull(mediaDuration, "mediaDuration");
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /**
     * @return share done in [0, 1]: from frames when their number is known, else from media time;
     *         1 when finished
     */
    public double fraction() {
        if (finished) {
            return 1;
        }
        if (framesExpected > 0) {
            return Math.min(1, framesDone / (double) framesExpected);
        }
        return mediaDuration.isZero() ? 0 : Math.min(1, mediaPosition.toNanos() / (double) mediaDuration.toNanos());
    }

    /**
     * @return estimated wall time left, empty until something is done
     */
    public Optional<Duration> eta() {
        double f = fraction();
        if (f <= 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos((long) (elapsed.toNanos() * (1 - f) / f)));
    }
}
