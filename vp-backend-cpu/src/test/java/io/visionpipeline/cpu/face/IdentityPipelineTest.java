package io.visionpipeline.cpu.face;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.face.Appearance;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.Identity;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/** Identities over whole videos, through the real pipeline: decoder, BlazeFace, the default embedder and the tracker. */
class IdentityPipelineTest {
    private static final Logger LOG = LoggerFactory.getLogger(IdentityPipelineTest.class);
    private static VisionPipeline pipeline;

    @BeforeAll
    static void build() {
        pipeline = VisionPipeline.builder().faces().sampling(FrameSampling.every(Duration.ofMillis(500)))
                .executor(LocalExecutor.withThreads(2)).build();
    }

    @AfterAll
    static void close() {
        pipeline.close();
    }

    /** Astronaut 0–2 s, black 2–4 s, Messi 4–6 s, black 6–8 s, astronaut 8–10 s, black 10–11 s. */
    static Path twoPeopleVideo() {
        Path astronaut = TestMedia.skimage("astronaut.png");
        return TestVideos.slideshow("faces-astronaut-gap-messi-gap-astronaut.avi", 640, 480, 25, List.of(
                new TestVideos.Scene(astronaut, Duration.ofSeconds(2)),
                new TestVideos.Scene(null, Duration.ofSeconds(2)),
                new TestVideos.Scene(FacePhotos.messiPortrait(), Duration.ofSeconds(2)),
                new TestVideos.Scene(null, Duration.ofSeconds(2)),
                new TestVideos.Scene(astronaut, Duration.ofSeconds(2)),
                new TestVideos.Scene(null, Duration.ofSeconds(1))));
    }

    @Test
    void findsExactlyTwoPeopleWithTheirTimeRangesInAVideoOfTwoPhotosWithGaps() throws IOException {
        MediaReport report = pipeline.analyze(twoPeopleVideo());
        report.identities().forEach(i -> LOG.info("{}", i));
        assertThat(report.stages().get(0).model()).endsWith("+ " + BlazeFaceProvider.DEFAULT_EMBEDDER.modelId());
        assertThat(report.identities()).hasSize(2);
        Identity astronaut = report.identities().get(0);
        Identity messi = report.identities().get(1);
        assertThat(astronaut.appearances()).extracting(IdentityPipelineTest::millis)
                .containsExactly(List.of(0L, 1520L), List.of(8000L, 9520L));
        assertThat(messi.appearances()).extracting(IdentityPipelineTest::millis).containsExactly(List.of(4000L, 5520L));
        assertThat(astronaut.faces()).isEqualTo(8);
        assertThat(messi.faces()).isEqualTo(4);
        assertThat(astronaut.name()).isNull();

        for (FrameResult frame : report.frames()) {
            long t = frame.timestamp().toMillis();
            String expected = t < 2000 || (t >= 8000 && t < 10000) ? astronaut.id() : t >= 4000 && t < 6000 ? messi.id() : null;
            assertThat(frame.faces()).as("faces at %d ms", t).extracting(Face::identity)
                    .containsExactlyElementsOf(expected == null ? List.of() : List.of(expected));
            assertThat(frame.faces()).allSatisfy(f -> assertThat(f.embedding()).as("embeddings are kept once, in the identity").isNull());
        }
        for (Identity identity : report.identities()) {
            assertThat(ImageIO.read(new ByteArrayInputStream(identity.thumbnail()))).as("thumbnail of %s", identity.id())
                    .satisfies(img -> assertThat(img.getWidth()).isEqualTo(FaceQuality.SHARPNESS_CROP));
            assertThat(identity.thumbnail().length).isLessThan(5_000);
            assertThat(identity.quality()).isBetween(0.2, 1.0);
        }
        assertThat(astronaut.embedding().length).isEqualTo(BlazeFaceProvider.DEFAULT_EMBEDDER.dimension());

        MediaReport again = ReportJson.fromJson(ReportJson.toJson(report));
        assertThat(again.identities()).hasSize(2);
        assertThat(again.identities().get(1).appearances()).isEqualTo(messi.appearances());
        assertThat(again.identities().get(0).thumbnail()).isEqualTo(astronaut.thumbnail());
        assertThat(again.identities().get(0).embedding()).containsExactly(astronaut.embedding());
        assertThat(again.frames().get(0).faces().get(0).identity()).isEqualTo(astronaut.id());
    }

    @Test
    void megamindGivesTheSameIdentityCountOnTwoRuns() {
        MediaReport first = pipeline.analyze(TestMedia.opencv("Megamind.avi"));
        MediaReport second = pipeline.analyze(TestMedia.opencv("Megamind.avi"));
        LOG.info("Megamind.avi: {} identities over {} faces: {}", first.identities().size(), first.totalFaces(), first.identities());
        assertThat(first.identities()).isNotEmpty();
        assertThat(second.identities()).hasSameSizeAs(first.identities());
        assertThat(second.identities()).extracting(Identity::appearances).isEqualTo(first.identities().stream().map(Identity::appearances).toList());
        long labelled = first.frames().stream().flatMap(f -> f.faces().stream()).map(Face::identity).filter(Objects::nonNull).count();
        assertThat(labelled).isEqualTo(first.identities().stream().mapToInt(Identity::faces).sum());
    }

    private static List<Long> millis(Appearance a) {
        return List.of(a.start().toMillis(), a.end().toMillis());
    }
}
