package io.visionpipeline.benchmarks.face;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.face.BlazeFaceDetector;
import io.visionpipeline.cpu.face.BlazeFaceModel;
import io.visionpipeline.cpu.face.BlazeFaceProvider;
import io.visionpipeline.cpu.face.FaceEmbedderModel;
import io.visionpipeline.cpu.face.FaceEmbedderSession;
import io.visionpipeline.cpu.face.FaceIdentification;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.IdentityTracker;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
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
 * Faces per second of the {@code faces} stage with identities: BlazeFace short-range detection,
 * eye alignment, quality, embedding, L2 normalisation and the thumbnail's pixels (its JPEG is encoded
 * later, once per identity, by the tracker), on astronaut.png
 * (512×512, one face), one thread, one ONNX Runtime intra-op thread (as in the pipeline). In the
 * same run: detection alone, and the baseline, bare ONNX Runtime running the embedder on the same
 * aligned input tensor, prepared beforehand (so {@code detectAlignEmbed} minus the baseline is
 * what detection and the stage's own steps cost).
 *
 * <pre>
 * mvn -q -B package -DskipTests
 * benchmarks/run FaceIdentityBenchmark -f 1 -wi 2 -i 3 -w 3s -r 3s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FaceIdentityBenchmark {

    @Param({"faceres", "mobileface"})
    public String embedder;

    private ImageFrame frame;
    private BlazeFaceDetector identities;
    private BlazeFaceDetector detectOnly;
    private FaceEmbedderSession bare;
    private OnnxModel.Call bareCall;

    @Setup(Level.Trial)
    public void setUp() {
        frame = TestVideos.load(TestMedia.skimage("astronaut.png"));
        ModelStore store = ModelStore.builder().allowDownloads(true).build();
        FaceEmbedderModel model = FaceEmbedderModel.fromOption(embedder);
        identities = BlazeFaceDetector.open(List.of(BlazeFaceModel.SHORT), store, BlazeFaceProvider.DEFAULT_THRESHOLD, BlazeFaceProvider.DEFAULT_NMS_IOU,
                OnnxModel.Options.DEFAULT, new FaceIdentification(FaceEmbedderSession.open(model, store, OnnxModel.Options.DEFAULT),
                        model.matchThreshold(), IdentityTracker.DEFAULT_MIN_QUALITY, IdentityTracker.DEFAULT_MAX_MISSED_FRAMES, null));
        detectOnly = BlazeFaceDetector.open(BlazeFaceModel.SHORT, store, BlazeFaceProvider.DEFAULT_THRESHOLD, BlazeFaceProvider.DEFAULT_NMS_IOU,
                OnnxModel.Options.DEFAULT);
        List<Face> faces = detectOnly.process(frame);
        if (faces.size() != 1) {
            throw new IllegalStateException("astronaut.png should show one face, found " + faces.size());
        }
        bare = FaceEmbedderSession.open(model, store, OnnxModel.Options.DEFAULT);
        bareCall = bare.call(frame, faces.get(0));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        identities.close();
        detectOnly.close();
        bare.close();
    }

    /** Detect, align, score, embed, normalise, keep the thumbnail's pixels: one face per call. */
    @Benchmark
    public List<Face> detectAlignEmbed() {
        return identities.process(frame);
    }

    /** Detection alone, for reference. */
    @Benchmark
    public List<Face> detectOnly() {
        return detectOnly.process(frame);
    }

    /** Baseline: the bare embedder on the same aligned input tensor. */
    @Benchmark
    public float[] bareOrtEmbedder() {
        return bareCall.run();
    }
}
