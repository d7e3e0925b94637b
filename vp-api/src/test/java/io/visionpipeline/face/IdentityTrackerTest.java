package io.visionpipeline.face;

import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tracker's rules on hand-made embeddings (the real-model behaviour is covered by
 * IdentityPipelineTest in vp-backend-cpu): two unit vectors per person, with a controlled similarity.
 */
class IdentityTrackerTest {
    private static final double THRESHOLD = 0.6;

    /** A unit vector at the given cosine similarity to axis 0 (the rest on the person's own axis); similarity 1 is axis 0 itself. */
    private static float[] person(int axis, double similarityToFirst) {
        float[] v = new float[8];
        v[0] = (float) similarityToFirst;
        v[axis] += (float) Math.sqrt(1 - similarityToFirst * similarityToFirst);
        return FaceEmbedding.normalize(v);
    }

    private static Face face(double x, float[] vector, double quality) {
        Point p = new Point(x + 10, 10);
        return new Face(new BoundingBox(x, 0, 40, 40), 0.9, new FaceLandmarks(p, p, p, p, p, p))
                .withEmbedding(new FaceEmbedding(vector, quality, FaceThumbnail.ofJpeg(new byte[] {1})));
    }

    private static MediaReport run(IdentityTracker tracker, List<List<Face>> frames) {
        MediaReport.Builder report = MediaReport.builder(new MediaInfo("test", MediaKind.VIDEO, "avi", Duration.ofSeconds(frames.size()), 640, 480, 1, frames.size(), "mpeg4", null));
        for (int i = 0; i < frames.size(); i++) {
            Duration t = Duration.ofSeconds(i);
            report.addFrame(FrameResult.builder(i, t).faces(tracker.onFrame(i, t, frames.get(i))).build());
        }
        tracker.finish(report);
        return report.build();
    }

    @Test
    void keepsATrackThroughOneNoisyFrameInTheSamePlace() {
        float[] a = person(1, 1);
        float[] noisy = person(2, 0.5);   // 0.5 to a: below the threshold, above threshold − margin
        MediaReport report = run(new IdentityTracker(THRESHOLD, 0.2, 1, null), List.of(
                List.of(face(100, a, 0.9)), List.of(face(102, noisy, 0.1)), List.of(face(104, a, 0.9))));
        assertThat(report.identities()).singleElement().satisfies(i -> {
            assertThat(i.faces()).isEqualTo(3);
            assertThat(i.appearances()).singleElement().isEqualTo(new Appearance(Duration.ZERO, Duration.ofSeconds(2), 3));
        });
        assertThat(report.frames()).allSatisfy(f -> assertThat(f.faces().get(0).identity()).isEqualTo("face-1"));
    }

    @Test
    void keepsATrackThroughOneMissedFrameButSplitsTheAppearanceAfterTwo() {
        float[] a = person(1, 1);
        MediaReport report = run(new IdentityTracker(THRESHOLD, 0.2, 1, null), List.of(
                List.of(face(100, a, 0.9)), List.of(), List.of(face(100, a, 0.9)), List.of(), List.of(), List.of(face(100, a, 0.9))));
        assertThat(report.identities()).singleElement().satisfies(i -> assertThat(i.appearances()).containsExactly(
                new Appearance(Duration.ZERO, Duration.ofSeconds(2), 2), new Appearance(Duration.ofSeconds(5), Duration.ofSeconds(5), 1)));
    }

    @Test
    void neverMergesTwoFacesOfOneFrameAndNamesFromTheRecognizer() {
        float[] a = person(1, 1);
        float[] b = person(2, 0.7);   // similar to a, above the threshold, but both in one frame
        List<List<Face>> frames = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            frames.add(List.of(face(100, a, 0.9), face(400, b, 0.9)));
        }
        FaceRecognizer known = v -> FaceEmbedding.dot(v, a) > 0.99 ? Optional.of(new FaceMatch("Ada", 0.99)) : Optional.empty();
        MediaReport report = run(new IdentityTracker(THRESHOLD, 0.2, 1, known), frames);
        assertThat(report.identities()).hasSize(2);
        assertThat(report.identities()).extracting(Identity::name).containsExactlyInAnyOrder("Ada", null);
    }

    @Test
    void mergesAPersonWhoLeavesAndComesBackElsewhereButNotALookAlikeBelowTheThreshold() {
        float[] a = person(1, 1);
        float[] lookAlike = person(2, 0.55);
        MediaReport report = run(new IdentityTracker(THRESHOLD, 0.2, 1, null), List.of(
                List.of(face(100, a, 0.9)), List.of(), List.of(), List.of(face(500, a, 0.8)), List.of(), List.of(), List.of(face(300, lookAlike, 0.9))));
        assertThat(report.identities()).hasSize(2);
        assertThat(report.identities().get(0).faces()).isEqualTo(2);
        assertThat(report.identities().get(0).appearances()).hasSize(2);
    }

    @Test
    void givesNoIdentityToATrackOfOnlyPoorFaces() {
        MediaReport report = run(new IdentityTracker(THRESHOLD, 0.2, 1, null), List.of(List.of(face(100, person(1, 1), 0.05))));
        assertThat(report.identities()).isEmpty();
        assertThat(report.frames().get(0).faces().get(0).identity()).isNull();
        assertThat(report.frames().get(0).faces().get(0).embedding()).isNull();
    }

    @Test
    void encodesOnlyTheThumbnailOfEachIdentitysBestFace() {
        float[] a = person(1, 1);
        List<Integer> encoded = new ArrayList<>();
        List<List<Face>> frames = new ArrayList<>();
        double[] qualities = {0.5, 0.9, 0.7};
        for (int i = 0; i < qualities.length; i++) {
            int frame = i;
            Point p = new Point(110, 10);
            frames.add(List.of(new Face(new BoundingBox(100, 0, 40, 40), 0.9, new FaceLandmarks(p, p, p, p, p, p))
                    .withEmbedding(new FaceEmbedding(a, qualities[i], FaceThumbnail.encodedWhenAsked(() -> {
                        encoded.add(frame);
                        return new byte[] {(byte) frame};
                    })))));
        }
        MediaReport report = run(new IdentityTracker(THRESHOLD, 0.2, 1, null), frames);
        assertThat(report.identities()).singleElement().satisfies(i -> {
            assertThat(i.thumbnail()).containsExactly(1);
            assertThat(i.quality()).isEqualTo(0.9);
        });
        assertThat(encoded).containsExactly(1);
    }
}
