package io.visionpipeline.redis.internal;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How vp-redis's threads wait: sleeps and joins that keep the interrupt flag, and the growing pause
 * between tries while Redis does not answer. Internal: not part of the API.
 */
public final class Waiting {
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long LONGEST_RETRY_MILLIS = 2000;

    private Waiting() {
    }

    /**
     * @param attempt the failed try's number, from 1
     * @return the pause before the next: 100 ms doubling up to 2 s (Lettuce reconnects on the same scale)
     */
    public static long retryDelayMillis(int attempt) {
        return Math.min(LONGEST_RETRY_MILLIS, FIRST_RETRY_MILLIS << Math.min(Math.max(attempt - 1, 0), 5));
    }

    /**
     * Sleeps; an interrupt ends the sleep early and stays set.
     *
     * @param millis how long
     */
    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Waits for a thread to end; an interrupt ends the wait early and stays set.
     *
     * @param thread  the thread
     * @param timeout the longest wait
     */
    public static void join(Thread thread, Duration timeout) {
        try {
            thread.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * @param name the threads' name prefix
     * @return a factory of daemon threads named {@code name-1}, {@code name-2} …
     */
    public static ThreadFactory daemons(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
