package io.visionpipeline.cpu.face;

import io.visionpipeline.face.Face;
import io.visionpipeline.media.ImageFrame;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The quality score on the astronaut: sharp and large scores high; blurred, small or turned scores lower. */
class FaceQualityTest {
    private static BlazeFaceDetector faces;

    @BeforeAll
    static void open() {
        faces = FaceCalibrationTest.open(FaceEmbedderModel.MOBILEFACE, BlazeFaceModel.SHORT);
    }

    @AfterAll
    static void close() {
        faces.close();
    }

    private static Face face(String name, BufferedImage image) {
        ImageFrame frame = FacePhotos.augmented("quality", image, new FacePhotos.Augmentation(name, i -> i, 0));
        List<Face> found = faces.process(frame);
        assertThat(found).as("faces in %s", name).hasSize(1);
        return found.get(0);
    }

    @Test
    void scoresASharpLargeFrontalFaceHighAndDegradedOnesLower() {
        BufferedImage astronaut = FacePhotos.astronaut();
        Face sharp = face("original", astronaut);
        Face blurred = face("blurred", FacePhotos.scale(FacePhotos.scale(astronaut, 0.2), 5));
        Face small = face("small", FacePhotos.scale(astronaut, 0.3));
        assertThat(sharp.embedding().quality()).isGreaterThan(0.7);
        assertThat(FaceQuality.size(sharp.landmarks())).isEqualTo(1.0);
        assertThat(blurred.embedding().quality()).as("blurred").isLessThan(sharp.embedding().quality() * 0.7);
        assertThat(FaceQuality.size(small.landmarks())).as("small").isLessThan(0.8);
        assertThat(small.embedding().quality()).as("small").isLessThan(sharp.embedding().quality());
        assertThat(FaceQuality.symmetry(sharp.landmarks())).isGreaterThan(0.8);
    }
}
