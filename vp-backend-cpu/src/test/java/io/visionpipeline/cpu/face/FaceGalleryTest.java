package io.visionpipeline.cpu.face;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.library.FacesIndexer;
import io.visionpipeline.cpu.ocr.TextImages;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.library.LibraryDocuments;
import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.face.FaceGallery;
import io.visionpipeline.face.Identity;
import io.visionpipeline.index.IndexConfig;
import io.visionpipeline.index.IndexCorruptedException;
import io.visionpipeline.index.IndexEntry;
import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.Metric;
import io.visionpipeline.index.VectorIndex;
import io.visionpipeline.index.VectorIndexes;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Known people across media: enrol from one photo, save, load, and name the person in a video. */
class FaceGalleryTest {
    private static FaceDetector faces;

    @BeforeAll
    static void open() {
        faces = StageProviders.create(StageKinds.FACES, StageSpec.of(StageKinds.FACES.name()));
    }

    @AfterAll
    static void close() {
        faces.close();
    }

    private static Path enrolAstronaut(Path dir) {
        Path file = dir.resolve("people.vpi");
        try (FaceGallery gallery = FaceGallery.create()) {
            assertThat(gallery.enroll("Eileen Collins", List.of(TestVideos.load(TestMedia.skimage("astronaut.png"))), faces)).isEqualTo(1);
            gallery.save(file);
        }
        return file;
    }

    @Test
    void namesTheEnrolledPersonInAVideoAndLeavesTheOtherUnknown(@TempDir Path dir) {
        Path gallery = enrolAstronaut(dir);
        try (VisionPipeline pipeline = VisionPipeline.builder().faces("blazeface", StageOptions.of("gallery", gallery.toString()))
                .sampling(FrameSampling.every(Duration.ofMillis(500))).executor(LocalExecutor.withThreads(2)).build()) {
            MediaReport report = pipeline.analyze(IdentityPipelineTest.twoPeopleVideo());
            assertThat(report.identities()).hasSize(2);
            Identity astronaut = report.identities().get(0);
            assertThat(astronaut.name()).isEqualTo("Eileen Collins");
            assertThat(astronaut.label()).isEqualTo("Eileen Collins");
            assertThat(astronaut.similarity()).isGreaterThanOrEqualTo(BlazeFaceProvider.DEFAULT_EMBEDDER.matchThreshold());
            assertThat(report.identities().get(1).name()).as("Messi is not enrolled").isNull();

            List<String> facts = new ArrayList<>();
            new FacesIndexer().index(report, new LibraryDocuments() {
                @Override
                public void text(String kind, Duration start, Duration end, String text) {
                }

                @Override
                public void vector(String kind, Duration at, Embedding vector, String snippet) {
                }

                @Override
                public void fact(Duration at, String fact) {
                    facts.add(at.toMillis() + ": " + fact);
                }
            });
            assertThat(facts).as("the library can find the named person").contains("0: 1 person visible (Eileen Collins, centre)")
                    .contains("4000: 1 person visible (close-up centre)");
        }
    }

    @Test
    void reidentifiesAPersonFromOneVideoInAnother(@TempDir Path dir) {
        Path file = dir.resolve("from-video.vpi");
        try (VisionPipeline pipeline = VisionPipeline.builder().faces().sampling(FrameSampling.every(Duration.ofMillis(500)))
                .executor(LocalExecutor.withThreads(2)).build();
             FaceGallery gallery = FaceGallery.create()) {
            MediaReport first = pipeline.analyze(IdentityPipelineTest.twoPeopleVideo());
            gallery.enroll("Lionel Messi", first.identities().get(1));
            gallery.save(file);
        }
        // another video: a mirrored, darker photo of Messi after a pause, then the astronaut
        Path messi = TextImages.writePng(FacePhotos.brightness(FacePhotos.flip(FacePhotos.read(FacePhotos.messiPortrait())), 0.8),
                "faces-messi-portrait-flip-dark.png");
        Path second = TestVideos.slideshow("faces-gap-messi2-astronaut.avi", 640, 480, 25, List.of(
                new TestVideos.Scene(null, Duration.ofSeconds(1)),
                new TestVideos.Scene(messi, Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2))));
        try (VisionPipeline pipeline = VisionPipeline.builder().faces("blazeface", StageOptions.of("gallery", file.toString()))
                .sampling(FrameSampling.every(Duration.ofMillis(500))).executor(LocalExecutor.withThreads(2)).build()) {
            MediaReport report = pipeline.analyze(second);
            assertThat(report.identities()).extracting(Identity::name).containsExactly("Lionel Messi", null);
            assertThat(report.identities().get(0).appearances()).singleElement()
                    .satisfies(a -> assertThat(a.start()).isEqualTo(Duration.ofSeconds(1)));
        }
    }

    @Test
    void savesAndLoadsTheGalleryAndRecognisesOnlyTheEnrolledFace(@TempDir Path dir) {
        Path file = enrolAstronaut(dir);
        try (FaceGallery gallery = FaceGallery.load(file, BlazeFaceProvider.DEFAULT_EMBEDDER.matchThreshold())) {
            assertThat(gallery.names()).containsExactly("Eileen Collins");
            assertThat(gallery.size()).isEqualTo(1);
            assertThat(gallery.dimension()).isEqualTo(BlazeFaceProvider.DEFAULT_EMBEDDER.dimension());
            float[] flipped = faces.process(FacePhotos.augmented("astronaut", FacePhotos.astronaut(),
                    new FacePhotos.Augmentation("flip", FacePhotos::flip, 0))).get(0).embedding().vector();
            assertThat(gallery.recognize(flipped)).hasValueSatisfying(m -> assertThat(m.name()).isEqualTo("Eileen Collins"));
            float[] messi = faces.process(TestVideos.load(FacePhotos.messiPortrait())).get(0).embedding().vector();
            assertThat(gallery.recognize(messi)).isEmpty();
        }
    }

    @Test
    void refusesACorruptedGalleryFileNamingIt(@TempDir Path dir) throws IOException {
        Path file = enrolAstronaut(dir);
        byte[] bytes = Files.readAllBytes(file);
        bytes[bytes.length / 2] ^= 0x5A;
        Files.write(file, bytes);
        assertThatThrownBy(() -> FaceGallery.load(file)).isInstanceOf(IndexCorruptedException.class).hasMessageContaining(file.toString());
        Files.write(file, new byte[] {1, 2, 3});
        assertThatThrownBy(() -> FaceGallery.load(file)).isInstanceOf(IndexCorruptedException.class).hasMessageContaining(file.toString());
        assertThatThrownBy(() -> FaceGallery.load(dir.resolve("missing.vpi"))).isInstanceOf(IndexCorruptedException.class)
                .hasMessageContaining("missing.vpi");
    }

    @Test
    void refusesAnIndexThatIsNotAFaceGallery(@TempDir Path dir) {
        Path file = dir.resolve("frames.vpi");
        try (VectorIndex index = VectorIndexes.create("flat", IndexConfig.of(4, Metric.COSINE))) {
            index.upsert(new IndexEntry("talk.mp4#1", new float[] {1, 0, 0, 0}, new EntryMetadata("talk.mp4", "frame", null, null, Map.of())));
            index.save(file);
        }
        assertThatThrownBy(() -> FaceGallery.load(file)).isInstanceOf(IndexCorruptedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a face gallery");
    }

    @Test
    void refusesAGalleryOfAnotherEmbedderInTheStage(@TempDir Path dir) {
        Path file = enrolAstronaut(dir);
        assertThatThrownBy(() -> StageProviders.create(StageKinds.FACES, new StageSpec(StageKinds.FACES.name(), "blazeface",
                Map.of("embedder", "mobileface", "gallery", file.toString()))))
                .hasMessageContaining(file.toString()).hasMessageContaining("mobileface");
    }
}
