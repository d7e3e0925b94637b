package io.visionpipeline.cloud;

import io.visionpipeline.redis.internal.Arguments;

import java.time.Duration;

/**
 * When the autoscaler rents and destroys instances.
 *
 * <p>Scaling up: the queue's backlog (jobs waiting plus running) times the expected job time is
 * the work to do; finishing it within the target latency takes {@code ceil(work / targetLatency)}
 * worker slots. The slots of the queue's other live workers (a worker on the same machine, local
 * fallback workers) count first; the rest is rented, {@code worker concurrency} slots per
 * instance, at most {@code maxInstances} in all and {@code maxRentsPerTick} per tick.
 *
 * <p>Scaling down and failures: an instance whose worker has had no job for {@code idleTimeout}
 * while nothing waits is destroyed; one whose worker never heartbeats within
 * {@code bootTimeout} of renting, or stops heartbeating for {@code heartbeatTimeout}, is destroyed
 * and the jobs its worker held go back to the queue at once.
 *
 * <pre>{@code
 * ScalingPolicy policy = ScalingPolicy.builder()
 *         .expectedJobTime(Duration.ofSeconds(45))
 *         .targetLatency(Duration.ofMinutes(10))
 *         .maxInstances(8)
 *         .build();
 * }</pre>
 *
 * @param expectedJobTime  how long one job takes on one worker slot
 * @param targetLatency    how long the backlog may take to drain before more instances are rented
 * @param maxInstances     the most instances at once
 * @param maxRentsPerTick  the most instances rented in one tick (keeps within Vast.ai's rate limits)
 * @param idleTimeout      how long an instance may idle before it is destroyed
 * @param bootTimeout      how long a new instance may take to start its worker (image pull included)
 * @param heartbeatTimeout how long a running worker may go without a heartbeat
 * @param tickInterval     how often the autoscaler looks at the queue and the instances
 * @since 0.1
 */
public record ScalingPolicy(Duration expectedJobTime, Duration targetLatency, int maxInstances, int maxRentsPerTick,
                            Duration idleTimeout, Duration bootTimeout, Duration heartbeatTimeout, Duration tickInterval) {

    /** Default expected job time. */
    public static final Duration DEFAULT_EXPECTED_JOB_TIME = Duration.ofSeconds(60);
    /** Default target latency. */
    public static final Duration DEFAULT_TARGET_LATENCY = Duration.ofMinutes(5);
    /** Default most instances. */
    public static final int DEFAULT_MAX_INSTANCES = 2;
    /** Default most rents per tick. */
    public static final int DEFAULT_MAX_RENTS_PER_TICK = 4;
    /** Default idle timeout. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** Default boot timeout (pulling a worker image of a few GB on a slow host takes minutes). */
    public static final Duration DEFAULT_BOOT_TIMEOUT = Duration.ofMinutes(15);
    /** Default heartbeat timeout (workers heartbeat every 5 s). */
    public static final Duration DEFAULT_HEARTBEAT_TIMEOUT = Duration.ofSeconds(60);
    /** Default tick interval. */
    public static final Duration DEFAULT_TICK_INTERVAL = Duration.ofSeconds(15);

    /** Validates the fields. */
    public ScalingPolicy {
        Arguments.positive("expectedJobTime", expectedJobTime);
        Arguments.positive("targetLatency", targetLatency);
        Arguments.atLeastOne("maxInstances", maxInstances);
        Arguments.atLeastOne("maxRentsPerTick", maxRentsPerTick);
        Arguments.positive("idleTimeout", idleTimeout);
        Arguments.positive("bootTimeout", bootTimeout);
        Arguments.positive("heartbeatTimeout", heartbeatTimeout);
        Arguments.positive("tickInterval", tickInterval);
    }

    /** @return the defaults */
    public static ScalingPolicy defaults() {
        return builder().build();
    }

    /** @return a builder with the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param backlog jobs waiting plus running
     * @return worker slots needed to drain the backlog within the target latency
     */
    long slotsNeeded(long backlog) {
        if (backlog <= 0) {
            return 0;
        }
        double work = backlog * (double) expectedJobTime.toMillis();
        return (long) Math.ceil(work / targetLatency.toMillis());
    }

    /** Configures a {@link ScalingPolicy}; methods are named after what they set and check their argument at once. */
    public static final class Builder {
        private Duration expectedJobTime = DEFAULT_EXPECTED_JOB_TIME;
        private Duration targetLatency = DEFAULT_TARGET_LATENCY;
        private int maxInstances = DEFAULT_MAX_INSTANCES;
        private int maxRentsPerTick = DEFAULT_MAX_RENTS_PER_TICK;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration bootTimeout = DEFAULT_BOOT_TIMEOUT;
        private Duration heartbeatTimeout = DEFAULT_HEARTBEAT_TIMEOUT;
        private Duration tickInterval = DEFAULT_TICK_INTERVAL;

        private Builder() {
        }

        /**
         * @param time how long one job takes on one worker slot (default 60 s)
         * @return this builder
         */
        public Builder expectedJobTime(Duration time) {
            this.expectedJobTime = Arguments.positive("expectedJobTime", time);
            return this;
        }

        /**
         * @param latency how long the backlog may take to drain (default 5 min)
         * @return this builder
         */
        public Builder targetLatency(Duration latency) {
            this.targetLatency = Arguments.positive("targetLatency", latency);
            return this;
        }

        /**
         * @param instances the most instances at once (default 2)
         * @return this builder
         */
        public Builder maxInstances(int instances) {
            this.maxInstances = Arguments.atLeastOne("maxInstances", instances);
            return this;
        }

        /**
         * @param rents the most instances rented per tick (default 4)
         * @return this builder
         */
        public Builder maxRentsPerTick(int rents) {
            this.maxRentsPerTick = Arguments.atLeastOne("maxRentsPerTick", rents);
            return this;
        }

        /**
         * @param timeout how long an instance may idle before it is destroyed (default 5 min)
         * @return this builder
         */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = Arguments.positive("idleTimeout", timeout);
            return this;
        }

        /**
         * @param timeout how long a new instance may take to start its worker (default 15 min)
         * @return this builder
         */
        public Builder bootTimeout(Duration timeout) {
            this.bootTimeout = Arguments.positive("bootTimeout", timeout);
            return this;
        }

        /**
         * @param timeout how long a running worker may go without a heartbeat (default 60 s)
         * @return this builder
         */
        public Builder heartbeatTimeout(Duration timeout) {
            this.heartbeatTimeout = Arguments.positive("heartbeatTimeout", timeout);
            return this;
        }

        /**
         * @param interval how often the autoscaler looks at the queue and the instances (default 15 s)
         * @return this builder
         */
        public Builder tickInterval(Duration interval) {
            this.tickInterval = Arguments.positive("tickInterval", interval);
            return this;
        }

        /** @return the policy */
        public ScalingPolicy build() {
            return new ScalingPolicy(expectedJobTime, targetLatency, maxInstances, maxRentsPerTick, idleTimeout, bootTimeout,
                    heartbeatTimeout, tickInterval);
        }
    }
}
