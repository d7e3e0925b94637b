package io.visionpipeline.core.engine;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.stage.BatchPolicy;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine probe, not a model: a face "detector" that finds no faces but records how the engine
 * drives it (batch sizes, concurrency, frames seen) and can be told to be slow or to fail. The
 * engine tests use it to observe batching, backpressure, cancellation and error paths; the real
 * detector is tested in vp-backend-cpu. Priority -1: never chosen unless named.
 */
final class ProbeFaceDetector extends ProbeStage implements FaceDetector {
    /** What one probe (by its {@code probe} option) observed. */
    static final class Record {
        final List<Integer> batchSizes = new CopyOnWriteArrayList<>();
        final AtomicLong framesSeen = new AtomicLong();
        final AtomicInteger concurrent = new AtomicInteger();
        final AtomicInteger maxConcurrent = new AtomicInteger();
        final AtomicInteger closed = new AtomicInteger();
    }

    private static final Map<String, Record> RECORDS = new ConcurrentHashMap<>();

    private final Record record;
    private final long delayMillis;
    private final long failAtIndex;
    private final String failWith;
    private final int batchSize;

    private ProbeFaceDetector(StageOptions options) {
        this(record(options.get("probe", "default")), options);
    }

    private ProbeFaceDetector(Record record, StageOptions options) {
        super(record.closed);
        this.record = record;
        this.delayMillis = options.getInt("delayMillis", 0);
        this.failAtIndex = options.getInt("failAtIndex", -1);
        this.failWith = options.get("failWith", "StageException");
        this.batchSize = options.getInt("batchSize", 8);
    }

    static Record record(String probe) {
        return RECORDS.computeIfAbsent(probe, p -> new Record());
    }

    @Override
    public List<List<Face>> process(List<ImageFrame> frames) {
        int now = record.concurrent.incrementAndGet();
        record.maxConcurrent.accumulateAndGet(now, Math::max);
        try {
            record.batchSizes.add(frames.size());
            for (ImageFrame frame : frames) {
                if (frame.index() == failAtIndex) {
                    if (failWith.equals("OutOfMemoryError")) {
                        throw new OutOfMemoryError("probe told to run out of heap at frame " + failAtIndex);
                    }
                    throw new StageException("probe told to fail at frame " + failAtIndex);
                }
            }
            if (delayMillis > 0) {
                Thread.sleep(delayMillis);
            }
            record.framesSeen.addAndGet(frames.size());
            List<List<Face>> out = new ArrayList<>();
            frames.forEach(f -> out.add(List.of()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("interrupted", e);
        } finally {
            record.concurrent.decrementAndGet();
        }
    }

    @Override
    public BatchPolicy batchPolicy() {
        return new BatchPolicy(batchSize, Duration.ofMillis(30));
    }

    /** Registers the probe as the {@code probe} provider of the faces kind. */
    @AutoService(StageProvider.class)
    public static final class Provider extends ProbeProvider<FaceDetector> {
        /** The provider. */
        public Provider() {
            super(StageKinds.FACES, Set.of("probe", "delayMillis", "failAtIndex", "failWith", "batchSize"), ProbeFaceDetector::new);
        }
    }
}
