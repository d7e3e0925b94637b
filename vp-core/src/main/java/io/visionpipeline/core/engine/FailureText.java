package io.visionpipeline.core.engine;

/** How the engine words a failure it reports: the throwable, plus what to do when the heap ran out. */
final class FailureText {
    private FailureText() {
    }

    /**
     * @param cause what went wrong
     * @return {@code cause.toString()}, with a hint to raise {@code -Xmx} (or lower the executor's
     *         threads or frames in flight) for an {@link OutOfMemoryError}
     */
    static String of(Throwable cause) {
        return cause instanceof OutOfMemoryError
                ? cause + " (the Java heap is too small: raise -Xmx, or lower the executor's threads or maxFramesInFlight)"
                : cause.toString();
    }
}
