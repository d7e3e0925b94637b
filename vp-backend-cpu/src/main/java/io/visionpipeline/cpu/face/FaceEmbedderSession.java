package io.visionpipeline.cpu.face;

import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.core.report.Thumbnails;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceEmbedding;
import io.visionpipeline.face.FaceThumbnail;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.stage.StageException;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A face embedder on ONNX Runtime: aligns each face by its eyes ({@link FaceAlignment}), scores
 * its quality ({@link FaceQuality}), runs the faces of a frame through the model in batches of up
 * to {@link FaceEmbedderModel#maxBatch()} when the model takes batches, and L2-normalises the vectors. Each embedding carries a small
 * aligned crop (64×64, the one its sharpness is measured on) as a {@link FaceThumbnail}, encoded as a JPEG
 * only when asked for (a video's tracker asks once per identity).
 *
 * <pre>{@code
 * try (FaceEmbedderSession embedder = FaceEmbedderSession.open(FaceEmbedderModel.MOBILEFACE, ModelStore.defaults(),
 *         OnnxModel.Options.DEFAULT)) {
 *     List<FaceEmbedding> vectors = embedder.embed(frame, faces);
 * }
 * }</pre>
 */
public final class FaceEmbedderSession implements AutoCloseable {
    private final FaceEmbedderModel variant;
    private final OnnxModel model;
    private final String input;
    private final boolean batches;

    private FaceEmbedderSession(FaceEmbedderModel variant, OnnxModel model) {
        this.variant = variant;
        this.model = model;
        this.input = model.inputs().keySet().iterator().next();
        this.batches = model.inputShape(input)[0] < 0;
    }

    /**
     * @param variant the embedder
     * @param store   where to get the model
     * @param session ONNX Runtime session settings
     * @return the embedder; close it
     * @throws io.visionpipeline.model.ModelUnavailableException when the model cannot be had
     */
    public static FaceEmbedderSession open(FaceEmbedderModel variant, ModelStore store, OnnxModel.Options session) {
        return new FaceEmbedderSession(variant, OnnxModel.load(variant.modelId(), store.file(variant.modelId(), variant.fileName()), session));
    }

    /** @return which embedder this is */
    public FaceEmbedderModel variant() {
        return variant;
    }

    /**
     * @param frame the frame the faces are in
     * @param faces faces found in it
     * @return one embedding per face, in order
     * @throws StageException when the model fails
     */
    public List<FaceEmbedding> embed(ImageFrame frame, List<Face> faces) {
        if (faces.isEmpty()) {
            return List.of();
        }
        float[][] vectors = new float[faces.size()][];
        // a model with a batch dimension takes the frame's faces in runs of up to maxBatch (FaceRes: one)
        int perRun = batches ? variant.maxBatch() : 1;
        for (int start = 0; start < faces.size(); start += perRun) {
            List<Face> run = faces.subList(start, Math.min(faces.size(), start + perRun));
            float[] all = run(frame, run);
            int dim = all.length / run.size();
            for (int i = 0; i < run.size(); i++) {
                vectors[start + i] = run.size() == 1 ? all : Arrays.copyOfRange(all, i * dim, (i + 1) * dim);
            }
        }
        List<FaceEmbedding> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            float[] small = FaceQuality.crop(frame, faces.get(i).landmarks());
            BufferedImage thumbnail = picture(small, FaceQuality.SHARPNESS_CROP);
            out.add(new FaceEmbedding(FaceEmbedding.normalize(vectors[i]), FaceQuality.of(faces.get(i).landmarks(), small),
                    FaceThumbnail.encodedWhenAsked(() -> Thumbnails.jpeg(thumbnail))));
        }
        return out;
    }

    /**
     * @param frame the frame the faces are in
     * @param faces the faces of one run
     * @return their raw (not normalised) embeddings, concatenated
     */
    private float[] run(ImageFrame frame, List<Face> faces) {
        int size = variant.inputSize();
        int image = size * size * 3;
        return model.run(input, new long[] {faces.size(), size, size, 3}, values -> {
            for (int i = 0; i < faces.size(); i++) {
                FaceAlignment.pack(frame, faces.get(i).landmarks(), variant, values, i * image);
            }
        }, out -> model.floats(out, variant.output()));
    }

    /**
     * A prepared run of the bare model on one face's aligned, normalised input: inference alone,
     * without alignment, quality, normalisation of the vector or the thumbnail (the benchmarks' baseline).
     *
     * @param frame the frame the face is in
     * @param face  the face
     * @return the prepared call
     */
    public OnnxModel.Call call(ImageFrame frame, Face face) {
        int size = variant.inputSize();
        float[] tensor = new float[size * size * 3];
        FaceAlignment.pack(frame, face.landmarks(), variant, tensor, 0);
        return model.call(this.input, variant.output(), tensor, new long[] {1, size, size, 3});
    }

    /** @return a 0–255 RGB crop as 8-bit pixels (12 KB kept per face until its thumbnail is encoded, not the crop's 48 KB of floats) */
    static BufferedImage picture(float[] rgb, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < size * size; i++) {
            for (int c = 0; c < 3; c++) {
                bgr[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(rgb[3 * i + 2 - c])));
            }
        }
        return img;
    }

    @Override
    public void close() {
        model.close();
    }
}
