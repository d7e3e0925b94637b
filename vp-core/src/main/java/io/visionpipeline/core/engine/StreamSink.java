package io.visionpipeline.core.engine;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.executor.FrameResultStream;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;

/**
 * Hands frame results to a consumer through a bounded queue: when the consumer falls behind, the
 * job's thread waits, and so does its decoder. Frames are not kept in a report.
 */
final class StreamSink implements FrameSink, FrameResultStream {
    private static final Object END = new Object();

    private final BlockingQueue<Object> queue;
    private FrameJob job;
    private MediaInfo media;
    private Object next;
    private boolean done;

    StreamSink(int capacity) {
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void attach(FrameJob job, MediaInfo media) {
        this.job = job;
        this.media = media;
    }

    @Override
    public void frame(FrameResult frame, MediaReport.Builder report) throws InterruptedException {
        while (!queue.offer(frame, 50, TimeUnit.MILLISECONDS)) {
            if (job.isStopped()) {
                throw new InterruptedException("stream closed");
            }
        }
    }

    @Override
    public void finished(MediaReport report) {
        offerFinal(END);
    }

    @Override
    public void failed(RuntimeException error) {
        offerFinal(error);
    }

    private void offerFinal(Object last) {
        try {
            while (!queue.offer(last, 50, TimeUnit.MILLISECONDS)) {
                if (job.isStopped() && last == END) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public MediaInfo media() {
        return media;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new VisionPipelineException("Interrupted while waiting for frames of '" + media.mediaId() + "'", e);
            }
            if (next == END) {
                done = true;
                next = null;
            } else if (next instanceof CancellationException) {
                done = true;
                next = null;
            } else if (next instanceof RuntimeException error) {
                done = true;
                next = null;
                throw error;
            }
        }
        return next != null;
    }

    @Override
    public FrameResult next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FrameResult result = (FrameResult) next;
        next = null;
        return result;
    }

    @Override
    public void close() {
        done = true;
        job.cancel();
        queue.clear();
    }
}
