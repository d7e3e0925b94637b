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
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.concurrent.TimeUnit;

/**
 * Pixel packing alone, the pre-processing the stages share (the profiles of the stage benchmarks
 * put most of their Java time here), on a frame of the news video:
 *
 * <ul>
 *   <li>{@code blazeface}: letterboxed into 128×128, area-sampled on a 3×3 grid;</li>
 *   <li>{@code nsfwjs}, {@code movenet}: letterboxed into 224×224 and 256×256, 4×4 grid;</li>
 *   <li>{@code crop-1.5x}, {@code crop-2.5x}, {@code crop-3.4x}: an aligned 224×224 face crop turned by 10° whose side in
 *       the frame is 1.5, 2.5 or 3.4 times the crop's (bilinear; reduced by block sums first; 3.4: FaceRes on a face of the news frame at 1080p);</li>
 *   <li>{@code caches}: {@code warm} packs the same frame again and again, so it stays in the caches;
 *       {@code cold} first evicts it by writing a buffer larger than the last-level cache (not timed),
 *       as a model run between two frames does in a stage.</li>
 * </ul>
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

    @Param({"blazeface", "nsfwjs", "movenet", "crop-1.5x", "crop-2.5x", "crop-3.4x"})
    public String input;

    @Param({"warm", "cold"})
    public String caches;

    /** Larger than the last-level caches of the machines this runs on. */
    private static final int EVICTION_BYTES = 64 << 20;
    private Runnable pack;
    private float[] out;
    private byte[] eviction;

    @Setup(Level.Trial)
    public void setUp() {
        eviction = caches.equals("cold") ? new byte[EVICTION_BYTES] : null;
        String[] size = resolution.split("x");
        ImageFrame frame = BenchmarkMedia.newsFrame(Integer.parseInt(size[0]), Integer.parseInt(size[1]));
        out = new float[256 * 256 * 3];
        pack = switch (input) {
            case "blazeface" -> letterbox(frame, 128, Resampling.AREA_SAMPLED_3X3_OR_BILINEAR);
            case "nsfwjs" -> letterbox(frame, 224, Resampling.AREA_SAMPLED_OR_BILINEAR);
            case "movenet" -> letterbox(frame, 256, Resampling.AREA_SAMPLED_OR_BILINEAR);
            case "crop-1.5x" -> crop(frame, 1.5);
            case "crop-2.5x" -> crop(frame, 2.5);
            case "crop-3.4x" -> crop(frame, 3.4);
            default -> throw new IllegalArgumentException("unknown input " + input);
        };
    }

    private Runnable letterbox(ImageFrame frame, int side, Resampling resampling) {
        Letterbox box = Letterbox.fit(frame.width(), frame.height(), side, side);
        return () -> ImageTensors.pack(frame, box, resampling, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC, out, 0);
    }

    private Runnable crop(ImageFrame frame, double scale) {
        double side = 224 * scale;
        double cos = Math.cos(Math.toRadians(10)) * side;
        double sin = Math.sin(Math.toRadians(10)) * side;
        ImageRegion region = new ImageRegion(frame.width() / 2.0 - side / 2, frame.height() / 2.0 - side / 2, cos, sin, -sin, cos, 224, 224);
        return () -> ImageTensors.pack(frame, region, Normalization.RAW, TensorLayout.NHWC, out, 0, 224, 224);
    }

    /** Evicts the frame from the caches before a cold pack (not timed). */
    @Setup(Level.Invocation)
    public void evict() {
        if (eviction != null) {
            for (int i = 0; i < eviction.length; i += 64) {
                eviction[i]++;
            }
        }
    }

    /** Packs one model input. */
    @Benchmark
    public float[] pack() {
        pack.run();
        return out;
    }
}
