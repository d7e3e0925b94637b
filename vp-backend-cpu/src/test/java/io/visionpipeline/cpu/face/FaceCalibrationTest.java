package io.visionpipeline.cpu.face;

import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceEmbedding;
import io.visionpipeline.face.FaceGallery;
import io.visionpipeline.face.IdentityTracker;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calibrates the match threshold from data: same-person pairs are the astronaut's face under the
 * augmentations of {@link FacePhotos#calibrationAugmentations()} (every pair of variants);
 * different-person pairs are each astronaut variant against the other people's faces in the test
 * media (Messi in messi5.jpg and the cameraman in camera.png, small faces found with the
 * full-range detector, each under four augmentations, and the faces in Megamind.avi's sampled frames), and those faces against each other across sources.
 * The threshold is the point of the ROC where the smaller of the two rates (same pairs above,
 * different pairs below) is highest, the middle of that plateau; the ROC, the threshold and the
 * rates are written to {@code target/face-calibration/} (and copied to {@code docs/} with
 * {@code -Dvp.faces.docs=true}).
 */
class FaceCalibrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(FaceCalibrationTest.class);

    /** One face's embedding, by where it came from. */
    record Sample(String person, String variant, FaceEmbedding embedding) {
    }

    /** The ROC's chosen point. */
    record Calibration(FaceEmbedderModel embedder, int samePairs, int differentPairs, double threshold, double sameAbove,
                       double differentBelow, double auc, double margin, List<double[]> roc) {
    }

    @Test
    void defaultEmbedderSeparatesTheAstronautUnderAugmentationsFromOtherPeople() throws IOException {
        Calibration mobile = calibrate(FaceEmbedderModel.MOBILEFACE);
        Calibration res = calibrate(FaceEmbedderModel.FACERES);
        write(List.of(mobile, res));
        for (Calibration c : List.of(mobile, res)) {
            assertThat(c.sameAbove()).as("%s: same-person pairs at or above the threshold", c.embedder()).isGreaterThanOrEqualTo(0.95);
            assertThat(c.differentBelow()).as("%s: different-person pairs below the threshold", c.embedder()).isGreaterThanOrEqualTo(0.95);
            assertThat(c.embedder().matchThreshold()).as("%s: the library's threshold is the calibrated one", c.embedder())
                    .isCloseTo(c.threshold(), Offset.offset(0.03));
        }
        Calibration chosen = BlazeFaceProvider.DEFAULT_EMBEDDER == FaceEmbedderModel.MOBILEFACE ? mobile : res;
        Calibration other = chosen == mobile ? res : mobile;
        assertThat(Math.min(chosen.sameAbove(), chosen.differentBelow())).as("the default embedder separates at least as well")
                .isGreaterThanOrEqualTo(Math.min(other.sameAbove(), other.differentBelow()));
        assertThat(chosen.margin()).as("the default embedder leaves the wider gap between same and different pairs")
                .isGreaterThanOrEqualTo(other.margin());
        assertThat(FaceGallery.DEFAULT_MATCH_THRESHOLD).isEqualTo(chosen.embedder().matchThreshold());
    }

    static Calibration calibrate(FaceEmbedderModel embedder) {
        List<Sample> astronaut = new ArrayList<>();
        List<Sample> others = new ArrayList<>();
        try (BlazeFaceDetector detector = open(embedder, BlazeFaceModel.SHORT); BlazeFaceDetector far = open(embedder, BlazeFaceModel.FULL)) {
            BufferedImage photo = FacePhotos.astronaut();
            for (FacePhotos.Augmentation a : FacePhotos.calibrationAugmentations()) {
                astronaut.add(new Sample("astronaut", a.name(), largest(detector, FacePhotos.augmented("astronaut", photo, a), a.name())));
            }
            for (String other : List.of("messi5.jpg", "camera.png")) {
                Path file = other.equals("camera.png") ? TestMedia.skimage(other) : TestMedia.opencv(other);
                BufferedImage image = FacePhotos.read(file);
                for (FacePhotos.Augmentation a : FacePhotos.fewAugmentations()) {
                    others.add(new Sample(other, a.name(), largest(far, FacePhotos.augmented(other.replace('.', '-'), image, a),
                            other + " " + a.name())));
                }
            }
            try (FrameReader reader = FrameReader.open(MediaSource.of(TestMedia.opencv("Megamind.avi")),
                    FrameSampling.every(Duration.ofSeconds(1)))) {
                for (ImageFrame frame = reader.next(); frame != null; frame = reader.next()) {
                    for (Face face : detector.process(frame)) {
                        others.add(new Sample("Megamind.avi", "frame " + frame.index(), face.embedding()));
                    }
                }
            }
        }
        List<Double> same = new ArrayList<>();
        for (int i = 0; i < astronaut.size(); i++) {
            for (int j = i + 1; j < astronaut.size(); j++) {
                same.add(astronaut.get(i).embedding().similarity(astronaut.get(j).embedding()));
            }
        }
        List<Double> different = new ArrayList<>();
        for (Sample a : astronaut) {
            for (Sample o : others) {
                different.add(a.embedding().similarity(o.embedding()));
            }
        }
        for (int i = 0; i < others.size(); i++) {
            for (int j = i + 1; j < others.size(); j++) {
                if (!others.get(i).person().equals(others.get(j).person())) {
                    different.add(others.get(i).embedding().similarity(others.get(j).embedding()));
                }
            }
        }
        Calibration c = roc(embedder, same, different);
        LOG.info("{}: {} same pairs (min {}), {} different pairs (max {}); threshold {}: {} same above, {} different below, AUC {}",
                embedder.modelId(), same.size(), fmt(same.stream().min(Double::compare).orElseThrow()), different.size(),
                fmt(different.stream().max(Double::compare).orElseThrow()), fmt(c.threshold()), fmt(c.sameAbove()),
                fmt(c.differentBelow()), fmt(c.auc()));
        astronaut.stream().sorted(Comparator.comparingDouble(s -> s.embedding().similarity(astronaut.get(0).embedding())))
                .limit(4).forEach(s -> LOG.info("{}: least like the original: {} {}", embedder.modelId(), s.variant(),
                        fmt(s.embedding().similarity(astronaut.get(0).embedding()))));
        return c;
    }

    /** Sweeps the threshold; picks the middle of the plateau where min(TPR, TNR) is highest. */
    static Calibration roc(FaceEmbedderModel embedder, List<Double> same, List<Double> different) {
        List<double[]> roc = new ArrayList<>();
        double best = -1;
        int from = 0;
        int to = 0;
        for (int step = -100; step <= 100; step++) {
            double t = step / 100.0;
            double tpr = same.stream().filter(s -> s >= t).count() / (double) same.size();
            double fpr = different.stream().filter(s -> s >= t).count() / (double) different.size();
            roc.add(new double[] {t, tpr, fpr});
            double score = Math.min(tpr, 1 - fpr);
            if (score > best + 1e-12) {
                best = score;
                from = step;
                to = step;
            } else if (Math.abs(score - best) <= 1e-12 && to == step - 1) {
                to = step;
            }
        }
        double threshold = Math.round((from + to) / 2.0) / 100.0;
        double auc = 0;
        for (double s : same) {
            for (double d : different) {
                auc += s > d ? 1 : s == d ? 0.5 : 0;
            }
        }
        auc /= (double) same.size() * different.size();
        double margin = same.stream().min(Double::compare).orElseThrow() - different.stream().max(Double::compare).orElseThrow();
        return new Calibration(embedder, same.size(), different.size(), threshold,
                same.stream().filter(s -> s >= threshold).count() / (double) same.size(),
                different.stream().filter(s -> s < threshold).count() / (double) different.size(), auc, margin, roc);
    }

    private static FaceEmbedding largest(BlazeFaceDetector detector, ImageFrame frame, String what) {
        List<Face> faces = detector.process(frame);
        assertThat(faces).as("faces in %s", what).isNotEmpty();
        return faces.stream().max(Comparator.comparingDouble(f -> f.box().area())).orElseThrow().embedding();
    }

    static BlazeFaceDetector open(FaceEmbedderModel embedder, BlazeFaceModel range) {
        ModelStore store = ModelStore.defaults();
        return BlazeFaceDetector.open(List.of(range), store, BlazeFaceProvider.DEFAULT_THRESHOLD, BlazeFaceProvider.DEFAULT_NMS_IOU,
                OnnxModel.Options.DEFAULT, new FaceIdentification(FaceEmbedderSession.open(embedder, store, OnnxModel.Options.DEFAULT),
                        FaceGallery.DEFAULT_MATCH_THRESHOLD, IdentityTracker.DEFAULT_MIN_QUALITY, IdentityTracker.DEFAULT_MAX_MISSED_FRAMES, null));
    }

    private static void write(List<Calibration> calibrations) throws IOException {
        Path dir = Files.createDirectories(Path.of("target", "face-calibration"));
        StringBuilder md = new StringBuilder("| embedder | same pairs | different pairs | threshold | same ≥ threshold | different < threshold | AUC | gap (least same − most different) |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (Calibration c : calibrations) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.2f | %.1f%% | %.1f%% | %.4f | %.3f |%n", c.embedder().modelId(), c.samePairs(),
                    c.differentPairs(), c.threshold(), 100 * c.sameAbove(), 100 * c.differentBelow(), c.auc(), c.margin()));
            StringBuilder csv = new StringBuilder("threshold,same_pairs_at_or_above,different_pairs_at_or_above\n");
            c.roc().forEach(p -> csv.append(String.format(Locale.ROOT, "%.2f,%.4f,%.4f%n", p[0], p[1], p[2])));
            Files.writeString(dir.resolve("roc-" + c.embedder().modelId() + ".csv"), csv);
        }
        Files.writeString(dir.resolve("calibration.md"), md);
        Files.writeString(dir.resolve("roc.svg"), svg(calibrations));
        LOG.info("Face calibration:\n{}", md);
        if (Boolean.getBoolean("vp.faces.docs")) {
            Path docs = Path.of("..", "docs");
            Files.writeString(docs.resolve("faces-roc.svg"), svg(calibrations));
            Files.writeString(docs.resolve("faces-calibration.md"), md);
        }
    }

    /** The ROC curves (false positive rate across, true positive rate up) as a small SVG. */
    private static String svg(List<Calibration> calibrations) {
        String[] colours = {"#1f77b4", "#d62728"};
        StringBuilder s = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"360\" height=\"380\" font-family=\"sans-serif\" font-size=\"11\">\n"
                + "<rect x=\"40\" y=\"10\" width=\"300\" height=\"300\" fill=\"none\" stroke=\"#888\"/>\n"
                + "<text x=\"120\" y=\"335\">different-person pairs accepted</text>\n"
                + "<text x=\"12\" y=\"230\" transform=\"rotate(-90 12 230)\">same-person pairs accepted</text>\n");
        for (int i = 0; i < calibrations.size(); i++) {
            Calibration c = calibrations.get(i);
            StringBuilder points = new StringBuilder();
            for (double[] p : c.roc()) {
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", 40 + 300 * p[2], 310 - 300 * p[1]));
            }
            s.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"/>%n", colours[i % 2], points));
            s.append(String.format(Locale.ROOT, "<text x=\"60\" y=\"%d\" fill=\"%s\">%s: threshold %.2f, AUC %.4f</text>%n", 355 + 14 * i - 14,
                    colours[i % 2], c.embedder().modelId(), c.threshold(), c.auc()));
        }
        return s.append("</svg>\n").toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
