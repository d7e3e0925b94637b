package io.visionpipeline.cpu.safety;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why the stage letterboxes by default: on every safe picture of the skimage and opencv-doc test
 * packages (photographs, renders, diagrams, textures — 119 pictures of at least 64×64, none of
 * them NSFW), the default model with the default threshold flags fewer when the picture keeps its
 * aspect ratio than when it is squashed as nsfwjs's own {@code classify()} does. Only the false
 * positive side can be measured here: no NSFW test data is, or should be, in this repository.
 */
class NsfwjsCalibrationTest {
    private static final Logger LOG = LoggerFactory.getLogger(NsfwjsCalibrationTest.class);

    @Test
    void letterboxingFlagsFewerSafePicturesThanNsfwjsOwnSquash() throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path dir : List.of(TestMedia.SKIMAGE, TestMedia.OPENCV_DATA)) {
            try (Stream<Path> list = Files.list(dir)) {
                list.filter(f -> f.toString().endsWith(".png") || f.toString().endsWith(".jpg")).sorted().forEach(files::add);
            }
        }
        List<ImageFrame> frames = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Path file : files) {
            if (file.getFileName().toString().equals("truncated.jpg")) {
                continue;
            }
            ImageFrame frame = TestVideos.load(file);
            if (frame.width() >= 64 && frame.height() >= 64) {
                frames.add(frame);
                names.add(file.getFileName().toString());
            }
        }
        Map<NsfwjsResize, List<String>> flagged = new EnumMap<>(NsfwjsResize.class);
        for (NsfwjsResize resize : NsfwjsResize.values()) {
            try (NsfwjsClassifier classifier = NsfwjsClassifier.open(NsfwjsModel.MOBILENET_V2, resize, ModelStore.defaults(),
                    NsfwjsClassifier.DEFAULT_THRESHOLD, 8, OnnxModel.Options.DEFAULT)) {
                List<SafetyScore> scores = classifier.process(frames);
                List<String> hits = new ArrayList<>();
                for (int i = 0; i < scores.size(); i++) {
                    if (scores.get(i).flagged()) {
                        hits.add(String.format(Locale.ROOT, "%s (%.2f %s)", names.get(i), scores.get(i).unsafe(), scores.get(i).topClass().label()));
                    }
                }
                flagged.put(resize, hits);
                LOG.info("resize={}: {} of {} safe pictures flagged: {}", resize, hits.size(), frames.size(), hits);
            }
        }
        assertThat(frames).hasSizeGreaterThan(100);
        assertThat(flagged.get(NsfwjsResize.LETTERBOX)).hasSizeLessThan(flagged.get(NsfwjsResize.NSFWJS).size());
        assertThat(flagged.get(NsfwjsResize.LETTERBOX).size()).isLessThanOrEqualTo(frames.size() / 40);
    }
}
