package io.visionpipeline.benchmarks.ocr;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.natives.OpenMp;
import io.visionpipeline.cpu.ocr.tesseract.TesseractLibrary;
import io.visionpipeline.cpu.ocr.tesseract.TesseractRecognizer;
import io.visionpipeline.cpu.ocr.tesseract.TesseractSettings;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * ms per 1280×720 frame with eight lines of text for the {@code tesseract} recogniser, against the
 * {@code tesseract} command on the same picture with {@code OMP_THREAD_LIMIT=1}, measured in the
 * same run. Each benchmark thread has its own engine (as the pipeline gives each compute thread
 * one); the command starts a process and loads the language model on every call, the engine once.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl benchmarks -am
 * benchmarks/run TesseractBenchmark -f 1 -wi 2 -i 3 -w 5s -r 5s
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class TesseractBenchmark {

    /** The picture, decoded and as a file. */
    @State(Scope.Benchmark)
    public static class Slide {
        ImageFrame frame;
        Path png;

        @Setup(Level.Trial)
        public void setUp() {
            png = OcrFrames.slidePng();
            frame = OcrFrames.slide();
            if (!TesseractLibrary.availability().available()) {
                throw new IllegalStateException(TesseractLibrary.availability().reason());
            }
        }
    }

    /** One engine per benchmark thread. */
    @State(Scope.Thread)
    public static class Engine {
        TesseractRecognizer ocr;

        @Setup(Level.Trial)
        public void setUp(Slide slide) {
            ocr = TesseractRecognizer.open(ModelStore.builder().allowDownloads(true).build(), TesseractSettings.DEFAULT);
            OcrFrames.checkReadsAllLines("tesseract", ocr.process(slide.frame));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            ocr.close();
        }
    }

    @Benchmark
    @Threads(1)
    public List<TextBlock> tesseract(Slide slide, Engine engine) {
        return engine.ocr.process(slide.frame);
    }

    /** Baseline: {@code OMP_THREAD_LIMIT=1 tesseract slide.png stdout}. */
    @Benchmark
    @Threads(1)
    public String tesseractCli(Slide slide) throws IOException, InterruptedException {
        return cli(slide.png);
    }

    @Benchmark
    @Threads(2)
    public List<TextBlock> tesseractTwoThreads(Slide slide, Engine engine) {
        return tesseract(slide, engine);
    }

    @Benchmark
    @Threads(2)
    public String tesseractCliTwoProcesses(Slide slide) throws IOException, InterruptedException {
        return tesseractCli(slide);
    }

    private static String cli(Path png) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("tesseract", png.toString(), "stdout").redirectErrorStream(false);
        builder.environment().put(OpenMp.OMP_THREAD_LIMIT, "1");
        Process process = builder.start();
        process.getOutputStream().close();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.getErrorStream().readAllBytes();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("tesseract exited with " + process.exitValue());
        }
        return text;
    }
}
