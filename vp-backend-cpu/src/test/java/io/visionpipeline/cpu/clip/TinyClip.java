package io.visionpipeline.cpu.clip;

import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.core.onnx.TensorData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny model in the real shape of a Hugging Face CLIP ONNX export, written with the ONNX writer:
 * the same input and output names, shapes and types ({@code pixel_values} float [B, 3, 224, 224];
 * {@code input_ids} and {@code attention_mask} int64 [B, 77]; {@code image_embeds},
 * {@code text_embeds} float [B, 3]), as two towers or one combined model, so every step around it
 * — tokenizer, preprocessing, both encoders, normalisation, similarity, zero-shot — runs for real.
 * No CLIP weights can be had on the build machine.
 *
 * <p>Its "knowledge" is built so answers can be checked: the image tower is the mean of each
 * normalised colour channel; the text tower sums token vectors that are zero except for the
 * words {@code red}, {@code green} and {@code blue} (unit vectors along R, G, B) and a small
 * shared vector for every other word. So "a photo of a red car" lies along red, and a red picture
 * is closest to it.
 */
public final class TinyClip {
    static final String[] COLOURS = {"red", "green", "blue"};
    private static final int DIM = 3;

    private TinyClip() {
    }

    /**
     * @param dir       where to write it
     * @param tokenizer CLIP's tokenizer, for the ids of the colour words
     * @param combined  one {@code model.onnx} instead of two towers
     * @return the folder
     */
    public static Path write(Path dir, ClipTokenizer tokenizer, boolean combined) {
        try {
            Files.createDirectories(dir);
            float[] table = tokenTable(tokenizer);
            if (combined) {
                OnnxGraph g = OnnxGraph.create("tiny-clip");
                String image = imageTower(g);
                String text = textTower(g, table);
                String logits = g.op("Mul").input(g.op("MatMul").input(image, g.op("Transpose").input(text).ints("perm", 1, 0).output()).output(),
                        g.initializer("logit_scale", TensorData.scalar(100))).output("logits_per_image");
                g.output(image, OnnxDataType.FLOAT, -1, DIM).output(text, OnnxDataType.FLOAT, -1, DIM).output(logits, OnnxDataType.FLOAT, -1, -1);
                Files.write(dir.resolve("model.onnx"), g.toModelBytes());
            } else {
                OnnxGraph vision = OnnxGraph.create("tiny-clip-vision");
                vision.output(imageTower(vision), OnnxDataType.FLOAT, -1, DIM);
                Files.write(dir.resolve("vision_model.onnx"), vision.toModelBytes());
                OnnxGraph text = OnnxGraph.create("tiny-clip-text");
                text.output(textTower(text, table), OnnxDataType.FLOAT, -1, DIM);
                Files.write(dir.resolve("text_model.onnx"), text.toModelBytes());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** pixel_values → per-channel mean → identity projection → image_embeds. */
    private static String imageTower(OnnxGraph g) {
        String pixels = g.input(ClipModel.PIXELS, OnnxDataType.FLOAT, -1, 3, 224, 224);
        String pooled = g.op("ReduceMean").input(pixels, g.initializer("hw", TensorData.vector(2, 3))).attr("keepdims", 0).output();
        return g.op("MatMul").input(pooled, g.initializer("visual_projection", identity())).output(ClipModel.IMAGE_EMBEDS);
    }

    /** input_ids → token vectors, masked by attention_mask → summed → identity projection → text_embeds. */
    private static String textTower(OnnxGraph g, float[] table) {
        String ids = g.input(ClipModel.IDS, OnnxDataType.INT64, -1, 77);
        String mask = g.input(ClipModel.MASK, OnnxDataType.INT64, -1, 77);
        String tokens = g.op("Gather").input(g.initializer("token_embedding", TensorData.floats(new long[] {table.length / DIM, DIM}, table)), ids)
                .attr("axis", 0).output();
        String weights = g.op("Unsqueeze").input(g.op("Cast").input(mask).attr("to", OnnxDataType.FLOAT.code()).output(),
                g.initializer("last", TensorData.vector(2))).output();
        String summed = g.op("ReduceSum").input(g.op("Mul").input(tokens, weights).output(), g.initializer("sequence", TensorData.vector(1)))
                .attr("keepdims", 0).output();
        return g.op("MatMul").input(summed, g.initializer("text_projection", identity())).output(ClipModel.TEXT_EMBEDS);
    }

    private static TensorData identity() {
        return TensorData.floats(new long[] {DIM, DIM}, 1, 0, 0, 0, 1, 0, 0, 0, 1);
    }

    private static float[] tokenTable(ClipTokenizer tokenizer) {
        float[] table = new float[tokenizer.vocabSize() * DIM];
        java.util.Arrays.fill(table, 0.02f);
        for (long special : new long[] {49406, 49407}) {
            java.util.Arrays.fill(table, (int) special * DIM, (int) special * DIM + DIM, 0);
        }
        for (int c = 0; c < COLOURS.length; c++) {
            List<Integer> ids = tokenizer.tokens(COLOURS[c]);
            if (ids.size() != 1) {
                throw new IllegalStateException(COLOURS[c] + " is not one token: " + ids);
            }
            int row = ids.get(0) * DIM;
            java.util.Arrays.fill(table, row, row + DIM, 0);
            table[row + c] = 1;
        }
        return table;
    }
}
