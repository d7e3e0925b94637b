package io.visionpipeline.cpu.safety;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.StageKinds;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.safety.SafetyClass;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.stage.StageProviders;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The nsfwjs stage on real pictures: its scores are nsfwjs's own (the references in
 * {@code src/test/resources/nsfwjs-reference}, made by nsfwjs 4.3.0 on TF.js with
 * {@code scripts/tfjs-reference/make-references.sh}); with the defaults, photographs read
 * as neutral and pencil drawings as drawings.
 */
class NsfwjsClassifierTest {
    private static final Logger LOG = LoggerFactory.getLogger(NsfwjsClassifierTest.class);
    /** Largest difference from nsfwjs's probabilities (the converted model agrees with TF.js to about 1e-6). */
    private static final double TOLERANCE = 1e-3;

    private static Map<String, ImageFrame> pictures;
    private static SafetyClassifier defaults;

    @BeforeAll
    static void load() {
        pictures = NsfwjsReferenceImages.all();
        defaults = StageProviders.create(StageKinds.NSFW, StageSpec.of("nsfw"));
    }

    @AfterAll
    static void close() {
        defaults.close();
    }

    static Stream<Arguments> modelsAndResizes() {
        return Stream.of(NsfwjsModel.values()).flatMap(m -> Stream.of(NsfwjsResize.values()).map(r -> Arguments.of(m, r)));
    }

    @ParameterizedTest
    @MethodSource("modelsAndResizes")
    void scoresEqualNsfwjsOwnWithinOneThousandth(NsfwjsModel model, NsfwjsResize resize) throws IOException {
        JsonNode reference = reference();
        String modelKey = model == NsfwjsModel.MOBILENET_V2 ? "mobilenet-v2" : "mobilenet-v2-mid";
        String resizeKey = resize == NsfwjsResize.LETTERBOX ? "letterbox" : "nsfwjs";
        List<ImageFrame> frames = new ArrayList<>();
        for (JsonNode c : reference.get("cases")) {
            ImageFrame frame = pictures.get(c.get("image").asText());
            assertThat(NsfwjsReferenceImages.sha256(NsfwjsReferenceImages.rgb(frame))).as("pixels of %s as nsfwjs got them "
                    + "(if decoding or drawing changed, run scripts/tfjs-reference/make-references.sh)", c.get("image").asText())
                    .isEqualTo(c.get("rgbSha256").asText());
            assertThat(NsfwjsReferenceImages.sha256(NsfwjsReferenceImages.letterboxed(frame))).as("letterboxed %s", c.get("image").asText())
                    .isEqualTo(c.get("letterboxSha256").asText());
            frames.add(frame);
        }
        try (NsfwjsClassifier classifier = NsfwjsClassifier.open(model, resize, ModelStore.defaults(), 0.5, 8, OnnxModel.Options.DEFAULT)) {
            List<SafetyScore> scores = classifier.process(frames);
            double worst = 0;
            for (int i = 0; i < frames.size(); i++) {
                JsonNode expected = reference.get("cases").get(i).at("/scores/" + modelKey + "/" + resizeKey);
                for (SafetyClass c : SafetyClass.values()) {
                    double diff = Math.abs(scores.get(i).score(c) - expected.get(c.ordinal()).asDouble());
                    worst = Math.max(worst, diff);
                }
            }
            LOG.info("{} resize={}: max |stage - nsfwjs| over {} pictures = {}", model, resize, frames.size(), String.format("%.1e", worst));
            assertThat(worst).isLessThanOrEqualTo(TOLERANCE);
        }
    }

    @Test
    void withTheDefaultsPhotographsAreNeutralAndUnflagged() {
        assertTopClass(NsfwjsReferenceImages.PHOTOS, SafetyClass.NEUTRAL);
    }

    @Test
    void withTheDefaultsPencilDrawingsAreDrawings() {
        assertTopClass(NsfwjsReferenceImages.DRAWINGS, SafetyClass.DRAWING);
    }

    private static void assertTopClass(String[] names, SafetyClass expected) {
        for (String name : names) {
            SafetyScore score = defaults.process(pictures.get(name));
            LOG.info("{}: {}", name, score);
            assertThat(score.topClass()).as("%s: %s", name, score).isEqualTo(expected);
            assertThat(score.flagged()).isFalse();
        }
    }

    @Test
    void probabilitiesSumToOneAndUnsafeIsTheMassOfTheUnsafeClasses() {
        for (SafetyScore s : defaults.process(new ArrayList<>(pictures.values()))) {
            assertThat(s.drawing() + s.hentai() + s.neutral() + s.porn() + s.sexy()).isCloseTo(1, within(1e-4));
            assertThat(s.unsafe()).isCloseTo(s.hentai() + s.porn() + s.sexy(), within(1e-9));
            assertThat(s.flagged()).isEqualTo(s.unsafe() >= defaults.threshold());
        }
    }

    @Test
    void aBatchScoresEachFrameAsOnItsOwn() {
        List<ImageFrame> frames = new ArrayList<>(pictures.values());
        List<SafetyScore> batched = defaults.process(frames);
        for (int i = 0; i < frames.size(); i++) {
            SafetyScore alone = defaults.process(frames.get(i));
            assertThat(batched.get(i).neutral()).isCloseTo(alone.neutral(), within(1e-5));
            assertThat(batched.get(i).unsafe()).isCloseTo(alone.unsafe(), within(1e-5));
        }
    }

    @Test
    void optionsOutOfRangeFailNamingTheOption() {
        assertThatThrownBy(() -> StageProviders.create(StageKinds.NSFW, new StageSpec("nsfw", "nsfwjs", Map.of("threshold", "0"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'threshold'");
        assertThatThrownBy(() -> StageProviders.create(StageKinds.NSFW, new StageSpec("nsfw", "nsfwjs", Map.of("model", "inception-v3"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'model'").hasMessageContaining("mobilenet-v2");
        assertThatThrownBy(() -> StageProviders.create(StageKinds.NSFW, new StageSpec("nsfw", "nsfwjs", Map.of("resize", "crop"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'resize'");
        assertThatThrownBy(() -> StageProviders.create(StageKinds.NSFW, new StageSpec("nsfw", "nsfwjs", Map.of("treshold", "0.4"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("treshold");
    }

    private static JsonNode reference() throws IOException {
        try (InputStream in = NsfwjsClassifierTest.class.getResourceAsStream("/nsfwjs-reference/nsfwjs.json")) {
            assertThat(in).as("nsfwjs reference (run scripts/tfjs-reference/make-references.sh)").isNotNull();
            JsonNode reference = new ObjectMapper().readTree(in);
            assertThat(reference.get("classes")).extracting(JsonNode::asText)
                    .containsExactlyElementsOf(Arrays.stream(SafetyClass.values()).map(SafetyClass::label).toList());
            return reference;
        }
    }
}
