package io.visionpipeline.benchmarks.face;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceDetector;
import io.visionpipeline.cpu.face.BlazeFaceModel;
import io.visionpipeline.cpu.face.BlazeFaceProvider;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * BlazeFace's exported model takes exactly one image per run, so "batching" can only mean running
 * several frames at once on several threads. This compares, in frames per second on a 1280×720
 * frame (astronaut.png pasted on a grey canvas):
 * <ul>
 *   <li>one thread, one session, 1 intra-op thread — the baseline;</li>
 *   <li>one thread, one session with 2 intra-op threads (ORT parallelises inside each run);</li>
 *   <li>2 threads sharing one session (what the engine does: batch policy 1, shared stage);</li>
 *   <li>2 threads with a session each.</li>
 * </ul>
 *
 * <pre>
 * mvn -q -B package -DskipTests &amp;&amp; benchmarks/run BlazeFaceThreadingBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class BlazeFaceThreadingBenchmark {

    /** The frame every benchmark detects faces in. */
    @State(Scope.Benchmark)
    public static class Frame {
        ImageFrame frame;

        /** Builds a 1280×720 frame with one face. */
        @Setup
        public void setUp() {
            ImageFrame astronaut = TestVideos.load(TestMedia.skimage("astronaut.png"));
            byte[] rgb = new byte[1280 * 720 * 3];
            java.util.Arrays.fill(rgb, (byte) 100);
            for (int y = 0; y < astronaut.height(); y++) {
                System.arraycopy(astronaut.rgb(), y * 512 * 3, rgb, ((y + 100) * 1280 + 400) * 3, 512 * 3);
            }
            frame = ImageFrame.ofRgb(1280, 720, rgb);
        }
    }

    /** A detector shared by all benchmark threads, with 1 or 2 ONNX Runtime intra-op threads. */
    @State(Scope.Benchmark)
    public static class Shared {
        BlazeFaceDetector oneIntraOpThread;
        BlazeFaceDetector twoIntraOpThreads;

        /** Opens both models. */
        @Setup
        public void open() {
            oneIntraOpThread = detector(1);
            twoIntraOpThreads = detector(2);
        }

        /** Closes both models. */
        @TearDown
        public void close() {
            oneIntraOpThread.close();
            twoIntraOpThreads.close();
        }
    }

    /** A detector per benchmark thread. */
    @State(Scope.Thread)
    public static class PerThread {
        BlazeFaceDetector detector;

        /** Opens this thread's model. */
        @Setup(Level.Trial)
        public void open() {
            detector = detector(1);
        }

        /** Closes the model. */
        @TearDown(Level.Trial)
        public void close() {
            detector.close();
        }
    }

    static BlazeFaceDetector detector(int intraOpThreads) {
        return BlazeFaceDetector.open(BlazeFaceModel.SHORT, ModelStore.defaults(), BlazeFaceProvider.DEFAULT_THRESHOLD,
                BlazeFaceProvider.DEFAULT_NMS_IOU, new OnnxModel.Options(intraOpThreads));
    }

    /**
     * @param frame  the input
     * @param shared the detector
     * @return faces
     */
    @Benchmark
    @Threads(1)
    public List<Face> oneThreadOneSession(Frame frame, Shared shared) {
        return shared.oneIntraOpThread.process(frame.frame);
    }

    /**
     * @param frame  the input
     * @param shared the detector with two intra-op threads
     * @return faces
     */
    @Benchmark
    @Threads(1)
    public List<Face> oneThreadSessionWithTwoIntraOpThreads(Frame frame, Shared shared) {
        return shared.twoIntraOpThreads.process(frame.frame);
    }

    /**
     * @param frame  the input
     * @param shared the detector shared by both threads
     * @return faces
     */
    @Benchmark
    @Threads(2)
    public List<Face> twoThreadsSharingOneSession(Frame frame, Shared shared) {
        return shared.oneIntraOpThread.process(frame.frame);
    }

    /**
     * @param frame     the input
     * @param perThread this thread's detector
     * @return faces
     */
    @Benchmark
    @Threads(2)
    public List<Face> twoThreadsSessionEach(Frame frame, PerThread perThread) {
        return perThread.detector.process(frame.frame);
    }
}
