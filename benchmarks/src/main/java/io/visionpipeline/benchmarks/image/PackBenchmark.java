package io.visionpipeline.benchmarks.image;

import io.visionpipeline.benchmarks.BenchmarkMedia;
import io.visionpipeline.core.image.ImageRegion;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.Resampling;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.media.ImageFrame;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Pixel packing alone, the pre-processing the stages share (profiles of the stage benchmarks put
 * most of their Java time here): a frame of the news video fitted into a square model input
 * ({@code letterbox}: 128 for BlazeFace, 224 for nsfwjs, 256 for MoveNet, area-sampled), and an
 * aligned 224×224 face crop turned by 10° ({@code region}) whose side in the frame is
 * {@code regionScale} times the crop's (below 2 bilinear, from 2 on shrunk by area).
 *
 * <pre>
 * benchmarks/run PackBenchmark -f 1 -wi 2 -i 3 -w 1s -r 2s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PackBenchmark {
    @Param({"1280x720", "1920x1080"})
    public String resolution;

    @Param({"128", "224"})
    public int inputSize;

    @Param({"1.5", "2.5"})
    public double regionScale;

    private ImageFrame frame;
    private Letterbox box;
    private ImageRegion region;
    private float[] out;

    @Setup
    public void setUp() {
        String[] size = resolution.split("x");
        frame = BenchmarkMedia.newsFrame(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        box = Letterbox.fit(frame.width(), frame.height(), inputSize, inputSize);
        double side = 224 * regionScale;
        double angle = Math.toRadians(10);
        double cos = Math.cos(angle) * side;
        double sin = Math.sin(angle) * side;
        region = new ImageRegion(frame.width() / 2.0 - side / 2, frame.height() / 2.0 - side / 2, cos, sin, -sin, cos, 224, 224);
        out = new float[224 * 224 * 3];
    }

    /** A frame into a letterboxed square input, as BlazeFace, nsfwjs and MoveNet take it. */
    @Benchmark
    public float[] letterbox() {
        ImageTensors.pack(frame, box, Resampling.AREA_SAMPLED_OR_BILINEAR, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC, out, 0);
        return out;
    }

    /** An aligned face crop, as the face embedders take it. */
    @Benchmark
    public float[] region() {
        ImageTensors.pack(frame, region, Normalization.RAW, TensorLayout.NHWC, out, 0, 224, 224);
        return out;
    }
}
