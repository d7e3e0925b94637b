package io.visionpipeline.stage;

import java.time.Duration;
import java.util.Objects;

/**
 * How the engine groups frames for a stage: up to {@code maxBatchSize} frames, waiting at most
 * {@code maxDelay} for a batch to fill, as DJL Serving and DeepStream do.
 *
 * @param maxBatchSize the largest batch, at least 1
 * @param maxDelay     how long a partial batch may wait for more frames
 * @since 0.1
 */
public record BatchPolicy(int maxBatchSize, Duration maxDelay) {

    /** Default: batches of up to 8 frames, waiting at most 20 ms. */
    public static final BatchPolicy DEFAULT = new BatchPolicy(8, Duration.ofMillis(20));

    /** Validates the fields. */
    public BatchPolicy {
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1: " + maxBatchSize);
        }
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (maxDelay.isNegative()) {
            throw new IllegalArgumentException("maxDelay must not be negative: " + maxDelay);
        }
    }
}
