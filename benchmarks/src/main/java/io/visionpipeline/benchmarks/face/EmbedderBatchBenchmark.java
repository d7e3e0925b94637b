package io.visionpipeline.benchmarks.face;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceDetector;
import io.visionpipeline.cpu.face.BlazeFaceModel;
import io.visionpipeline.cpu.face.BlazeFaceProvider;
import io.visionpipeline.cpu.face.FaceEmbedderModel;
import io.visionpipeline.cpu.face.FaceEmbedderSession;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Faces per second of each face embedder run on 1, 2, 4 or 8 aligned faces at a time (the
 * astronaut's face of astronaut.png, repeated), one ONNX Runtime thread as in the pipeline: what
 * {@link FaceEmbedderModel#maxBatch()} is chosen from. The result is the secondary metric
 * {@code faces} (faces per second); compare it across {@code batch}.
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * benchmarks/run EmbedderBatchBenchmark -f 2 -wi 1 -i 3 -w 3s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EmbedderBatchBenchmark {

    @Param({"faceres", "mobileface"})
    public String embedder;

    @Param({"1", "2", "4", "8"})
    public int batch;

    private FaceEmbedderSession session;
    private OnnxModel.Call call;

    /** Faces embedded, counted per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Faces {
        /** Faces embedded. */
        public long faces;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void reset() {
            faces = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() {
        ImageFrame frame = TestVideos.load(TestMedia.skimage("astronaut.png"));
        ModelStore store = ModelStore.builder().allowDownloads(true).build();
        Face face;
        try (BlazeFaceDetector detector = BlazeFaceDetector.open(BlazeFaceModel.SHORT, store, BlazeFaceProvider.DEFAULT_THRESHOLD,
                BlazeFaceProvider.DEFAULT_NMS_IOU, OnnxModel.Options.DEFAULT)) {
            List<Face> faces = detector.process(frame);
            if (faces.size() != 1) {
                throw new IllegalStateException("astronaut.png should show one face, found " + faces.size());
            }
            face = faces.get(0);
        }
        session = FaceEmbedderSession.open(FaceEmbedderModel.fromOption(embedder), store, OnnxModel.Options.DEFAULT);
        OnnxModel.Call one = session.call(frame, face);
        float[] values = new float[batch * one.values().length];
        for (int i = 0; i < batch; i++) {
            System.arraycopy(one.values(), 0, values, i * one.values().length, one.values().length);
        }
        long[] shape = one.shape().clone();
        shape[0] = batch;
        call = one.model().call(one.input(), one.output(), values, shape);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        session.close();
    }

    /** One run of {@code batch} faces. */
    @Benchmark
    public float[] embed(Faces counter) {
        counter.faces += batch;
        return call.run();
    }
}
