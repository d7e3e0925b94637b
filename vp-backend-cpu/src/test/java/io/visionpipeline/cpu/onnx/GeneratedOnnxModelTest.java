package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The ONNX writer as a test utility: a tiny CLIP-shaped model (an image tower and a text tower
 * projecting into one normalised embedding space, and their similarity logits) written with
 * {@link OnnxGraph}, loaded and run by ONNX Runtime, and checked against the same maths in Java.
 */
class GeneratedOnnxModelTest {
    private static final float[] IMAGE_PROJECTION = {1, 0, 0, 1, 1, -1};      // [3, 2]
    private static final float[] TOKEN_EMBEDDING = {1, 0, 0, 1, 1, 1, -1, 0, 0, -1}; // [5, 2]
    private static final float LOGIT_SCALE = 10;

    static OnnxGraph tinyClip() {
        OnnxGraph g = OnnxGraph.create("tiny-clip").metadata("purpose", "test");
        String pixels = g.input("pixel_values", OnnxDataType.FLOAT, -1, 3, 4, 4);
        String ids = g.input("input_ids", OnnxDataType.INT64, -1, 3);
        String pooled = g.op("ReduceMean").input(pixels, g.initializer("hw", TensorData.vector(2, 3))).attr("keepdims", 0).output();
        String image = g.op("MatMul").input(pooled, g.initializer("image_projection", TensorData.floats(new long[] {3, 2}, IMAGE_PROJECTION))).output();
        String imageEmbeds = g.op("LpNormalization").input(image).attr("axis", -1).attr("p", 2).output("image_embeds");
        String tokens = g.op("Gather").input(g.initializer("token_embedding", TensorData.floats(new long[] {5, 2}, TOKEN_EMBEDDING)), ids)
                .attr("axis", 0).output();
        String text = g.op("ReduceMean").input(tokens, g.initializer("sequence", TensorData.vector(1))).attr("keepdims", 0).output();
        String textEmbeds = g.op("LpNormalization").input(text).attr("axis", -1).attr("p", 2).output("text_embeds");
        String similarity = g.op("MatMul").input(imageEmbeds, g.op("Transpose").input(textEmbeds).ints("perm", 1, 0).output()).output();
        String logits = g.op("Mul").input(similarity, g.initializer("logit_scale", TensorData.scalar(LOGIT_SCALE))).output("logits_per_image");
        g.output(imageEmbeds, OnnxDataType.FLOAT, -1, 2).output(textEmbeds, OnnxDataType.FLOAT, -1, 2).output(logits, OnnxDataType.FLOAT, -1, -1);
        return g;
    }

    @Test
    void aTinyClipShapedModelRunsAndComputesWhatItSays(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tiny-clip.onnx");
        Files.write(file, tinyClip().toModelBytes());
        float[] pixels = new float[2 * 3 * 16];
        for (int k = 0; k < pixels.length; k++) {
            pixels[k] = (k % 7) / 7f + (k / 48);
        }
        long[] ids = {1, 2, 2, 3, 0, 4};
        try (OnnxModel model = OnnxModel.load("tiny-clip", file, OnnxModel.Options.DEFAULT);
             OnnxTensor p = model.tensor(pixels, new long[] {2, 3, 4, 4});
             OnnxTensor t = OnnxTensor.createTensor(OnnxRuntime.environment(), LongBuffer.wrap(ids), new long[] {2, 3});
             OrtSession.Result r = model.run(Map.of("pixel_values", p, "input_ids", t))) {
            float[][] image = new float[2][];
            float[][] text = new float[2][];
            for (int b = 0; b < 2; b++) {
                float[] mean = new float[3];
                for (int c = 0; c < 3; c++) {
                    for (int k = 0; k < 16; k++) {
                        mean[c] += pixels[b * 48 + c * 16 + k] / 16;
                    }
                }
                image[b] = unit(new float[] {mean[0] * 1 + mean[1] * 0 + mean[2] * 1, mean[0] * 0 + mean[1] * 1 + mean[2] * -1});
                float[] sum = new float[2];
                for (int k = 0; k < 3; k++) {
                    sum[0] += TOKEN_EMBEDDING[(int) ids[b * 3 + k] * 2] / 3;
                    sum[1] += TOKEN_EMBEDDING[(int) ids[b * 3 + k] * 2 + 1] / 3;
                }
                text[b] = unit(sum);
            }
            float[] logits = model.floats(r, "logits_per_image");
            float[] imageEmbeds = model.floats(r, "image_embeds");
            for (int b = 0; b < 2; b++) {
                assertThat(imageEmbeds[2 * b]).isCloseTo(image[b][0], within(1e-5f));
                assertThat(imageEmbeds[2 * b + 1]).isCloseTo(image[b][1], within(1e-5f));
                for (int q = 0; q < 2; q++) {
                    float expected = LOGIT_SCALE * (image[b][0] * text[q][0] + image[b][1] * text[q][1]);
                    assertThat(logits[b * 2 + q]).isCloseTo(expected, within(1e-4f));
                }
            }
        }
    }

    private static float[] unit(float[] v) {
        float norm = (float) Math.hypot(v[0], v[1]);
        return new float[] {v[0] / norm, v[1] / norm};
    }
}
