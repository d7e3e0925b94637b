package io.visionpipeline.cpu.tfjs;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each TF.js model, fetched from its npm package and converted by the model store, runs under
 * ONNX Runtime on real images and matches what TF.js itself (npm {@code @tensorflow/tfjs}, pure-JS
 * CPU backend) computed on exactly the same input tensors: the references in
 * {@code src/test/resources/tfjs-reference}, made by {@code scripts/tfjs-reference/make-references.sh}.
 */
class TfjsParityTest {
    private static final Logger LOG = LoggerFactory.getLogger(TfjsParityTest.class);
    /**
     * Largest absolute difference allowed on any output value. The weights are de-quantised
     * exactly as TF.js does it, so only the order of float32 arithmetic differs (measured: at most
     * a few 1e-5, see docs/tfjs-import.md).
     */
    private static final double TOLERANCE = 1e-3;

    @ParameterizedTest
    @EnumSource(TfjsModel.class)
    void convertedModelMatchesTfjsOnEveryOutputForFourRealImages(TfjsModel model) throws IOException {
        JsonNode reference = reference(model);
        Map<String, Double> worst = new TreeMap<>();
        try (OnnxModel onnx = OnnxModel.load(model.id, ModelStore.defaults().file(model.id, model.onnxFile()), OnnxModel.Options.DEFAULT)) {
            String inputName = onnx.inputs().keySet().iterator().next();
            assertThat(reference.get("cases")).hasSize(TfjsModel.IMAGES.size());
            for (JsonNode c : reference.get("cases")) {
                String image = c.get("image").asText();
                TfjsModel.Input input = model.input(image);
                assertThat(input.sha256()).as("the %s input for %s must be the tensor TF.js was given "
                        + "(if image decoding changed, run scripts/tfjs-reference/make-references.sh)", model.id, image)
                        .isEqualTo(c.at("/input/sha256").asText());
                try (OnnxTensor tensor = input.floats() != null ? onnx.tensor(input.floats(), input.shape()) : onnx.tensor(input.ints(), input.shape());
                     OrtSession.Result result = onnx.run(Map.of(inputName, tensor))) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = c.get("outputs").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> output = it.next();
                        long[] shape = ((OnnxTensor) result.get(output.getKey()).orElseThrow()).getInfo().getShape();
                        assertThat(shape).as("%s output %s", model.id, output.getKey())
                                .containsExactly(new ObjectMapper().convertValue(output.getValue().get("shape"), long[].class));
                        float[] actual = onnx.floats(result, output.getKey());
                        JsonNode expected = output.getValue().get("values");
                        double max = 0;
                        for (int i = 0; i < actual.length; i++) {
                            max = Math.max(max, Math.abs(actual[i] - expected.get(i).asDouble()));
                        }
                        worst.merge(output.getKey(), max, Math::max);
                    }
                }
            }
        }
        LOG.info("{}: max |ONNX Runtime - TF.js| over {} images: {}", model.id, TfjsModel.IMAGES.size(),
                worst.entrySet().stream().map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.2e", e.getValue())).toList());
        assertThat(worst).isNotEmpty().allSatisfy((output, diff) ->
                assertThat(diff).as("%s output %s", model.id, output).isLessThanOrEqualTo(TOLERANCE));
    }

    static JsonNode reference(TfjsModel model) throws IOException {
        try (InputStream in = TfjsParityTest.class.getResourceAsStream("/tfjs-reference/" + model.id + ".json")) {
            assertThat(in).as("reference for %s (run scripts/tfjs-reference/make-references.sh)", model.id).isNotNull();
            return new ObjectMapper().readTree(in);
        }
    }
}
