package io.visionpipeline.benchmarks.ocr;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.ocr.ppocr.PpOcrRecognizer;
import io.visionpipeline.cpu.ocr.ppocr.PpOcrSettings;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.ocr.TextBlock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ms per 1280×720 frame with eight lines of text for the {@code ppocr} recogniser, against its own
 * baseline measured in the same run: the bare ONNX Runtime calls it makes for that frame (detector,
 * then recogniser batches), inputs prepared beforehand, so pre- and post-processing are left out.
 * Single-threaded and with two threads sharing the recogniser (ORT sessions are thread-safe; each
 * session uses one intra-op thread, as in the pipeline).
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am
 * benchmarks/run PpOcrBenchmark -f 1 -wi 2 -i 3 -w 5s -r 5s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class PpOcrBenchmark {
    private PpOcrRecognizer ocr;
    private ImageFrame frame;
    private List<OnnxModel.Call> calls;

    @Setup(Level.Trial)
    public void setUp() {
        ocr = PpOcrRecognizer.open(ModelStore.builder().allowDownloads(true).build(), PpOcrSettings.DEFAULT);
        frame = OcrFrames.slide();
        calls = ocr.inferenceCalls(frame);
        OcrFrames.checkReadsAllLines("ppocr", ocr.process(frame));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        ocr.close();
    }

    /** The recogniser on the frame: pre-processing, inference, post-processing. */
    @Benchmark
    @Threads(1)
    public List<TextBlock> ppocr() {
        return ocr.process(frame);
    }

    /** Baseline: the same ONNX Runtime calls with their inputs ready. */
    @Benchmark
    @Threads(1)
    public void bareOrt(Blackhole bh) {
        for (OnnxModel.Call call : calls) {
            bh.consume(call.run());
        }
    }

    /** The recogniser with two threads reading frames at once. */
    @Benchmark
    @Threads(2)
    public List<TextBlock> ppocrTwoThreads() {
        return ppocr();
    }

    /** Baseline with two threads. */
    @Benchmark
    @Threads(2)
    public void bareOrtTwoThreads(Blackhole bh) {
        bareOrt(bh);
    }
}
