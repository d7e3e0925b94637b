package io.visionpipeline.benchmarks.decode;

import io.visionpipeline.benchmarks.BenchmarkMedia;
import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Sampling 1 frame per second from a 60 s 1280×720 H.264 video with {@link FrameReader}, against
 * the {@code ffmpeg} command decoding every frame of the same file (the baseline, in the same
 * run). Both use one decoding thread. Every frame must be decoded either way; the reader converts
 * only the 60 sampled frames to RGB, so the ratio is our demux/decode/sample overhead.
 *
 * <pre>
 * mvn -q -B package -DskipTests &amp;&amp; benchmarks/run DecodeBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class DecodeBenchmark {
    private Path video;

    /** Generates the video once. */
    @Setup
    public void setUp() {
        video = BenchmarkMedia.h264Video720p(60);
    }

    /**
     * Baseline: {@code ffmpeg -threads 1 -i video.mp4 -f null -}.
     */
    @Benchmark
    public void ffmpegCliDecodesAllFrames() {
        BenchmarkMedia.run(List.of("ffmpeg", "-v", "error", "-threads", "1", "-i", video.toString(), "-f", "null", "-"));
    }

    /**
     * @param sink consumes the frames
     * @return frames returned
     */
    @Benchmark
    public long frameReaderSamplesOnePerSecond(Blackhole sink) {
        long frames = 0;
        try (FrameReader reader = FrameReader.open(MediaSource.of(video), FrameSampling.every(Duration.ofSeconds(1)), 1)) {
            for (ImageFrame f = reader.next(); f != null; f = reader.next()) {
                sink.consume(f);
                frames++;
            }
        }
        if (frames != 60) {
            throw new IllegalStateException("expected 60 sampled frames, got " + frames);
        }
        return frames;
    }
}
