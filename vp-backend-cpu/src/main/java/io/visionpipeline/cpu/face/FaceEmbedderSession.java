package io.visionpipeline.cpu.face;

import ai.onnxruntime.OrtSession;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceEmbedding;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.stage.StageException;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A face embedder on ONNX Runtime: aligns each face by its eyes ({@link FaceAlignment}), scores
 * its quality ({@link FaceQuality}), runs the faces of a frame through the model in one batch
 * when the model takes batches, and L2-normalises the vectors. Each embedding carries a small
 * aligned crop (64×64, the one its sharpness is measured on) as a JPEG thumbnail.
 *
 * <pre>{@code
 * try (FaceEmbedderSession embedder = FaceEmbedderSession.open(FaceEmbedderModel.MOBILEFACE, ModelStore.defaults(),
 *         OnnxModel.Options.DEFAULT)) {
 *     List<FaceEmbedding> vectors = embedder.embed(frame, faces);
 * }
 * }</pre>
 */
public final class FaceEmbedderSession implements AutoCloseable {
    /** JPEG quality of the thumbnails (0–1): small, still recognisable. */
    static final float THUMBNAIL_QUALITY = 0.8f;
    /** One JPEG writer per thread: looking one up and creating it costs more than encoding a thumbnail. */
    private static final ThreadLocal<ImageWriter> JPEG_WRITER = ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());

    private final FaceEmbedderModel variant;
    private final OnnxModel model;
    private final String input;
    private final boolean batches;
    private final ThreadLocal<float[]> oneFace;

    private FaceEmbedderSession(FaceEmbedderModel variant, OnnxModel model) {
        this.variant = variant;
        this.model = model;
        this.input = model.inputs().keySet().iterator().next();
        this.batches = model.inputShape(input)[0] < 0;
        this.oneFace = ThreadLocal.withInitial(() -> new float[variant.inputSize() * variant.inputSize() * 3]);
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
        float[][] vectors = batches ? embedTogether(frame, faces) : embedOneByOne(frame, faces);
        List<FaceEmbedding> out = new ArrayList<>(faces.size());
        for (int i = 0; i < faces.size(); i++) {
            float[] v = FaceEmbedding.normalize(vectors[i]);
            float[] small = FaceQuality.crop(frame, faces.get(i).landmarks());
            out.add(new FaceEmbedding(v, FaceQuality.of(faces.get(i).landmarks(), small), jpeg(small, FaceQuality.SHARPNESS_CROP)));
        }
        return out;
    }

    /**
     * @param input normalised aligned faces, NHWC
     * @param count how many
     * @return the raw (not normalised) embeddings, concatenated
     */
    float[] run(float[] input, int count) {
        int size = variant.inputSize();
        try (OrtSession.Result out = model.run(this.input, input, new long[] {count, size, size, 3})) {
            return model.floats(out, variant.output());
        }
    }

    /** All faces in one run, for models with a dynamic batch dimension. */
    private float[][] embedTogether(ImageFrame frame, List<Face> faces) {
        int image = variant.inputSize() * variant.inputSize() * 3;
        float[] input = new float[image * faces.size()];
        for (int i = 0; i < faces.size(); i++) {
            FaceAlignment.pack(frame, faces.get(i).landmarks(), variant, input, i * image);
        }
        float[] all = run(input, faces.size());
        int dim = all.length / faces.size();
        float[][] vectors = new float[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            vectors[i] = java.util.Arrays.copyOfRange(all, i * dim, (i + 1) * dim);
        }
        return vectors;
    }

    /**
     * One run per face, for models fixed at batch 1 (FaceRes), each face packed into the array
     * this thread keeps: every value is written each time, and a fresh 600 KB array per face
     * (zeroed, then collected) cost more than the packing.
     */
    private float[][] embedOneByOne(ImageFrame frame, List<Face> faces) {
        float[] input = oneFace.get();
        float[][] vectors = new float[faces.size()][];
        for (int i = 0; i < faces.size(); i++) {
            FaceAlignment.pack(frame, faces.get(i).landmarks(), variant, input, 0);
            vectors[i] = run(input, 1);
        }
        return vectors;
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

    /** Encodes a 0–255 RGB crop as a JPEG. */
    static byte[] jpeg(float[] rgb, int size) {
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < size * size; i++) {
            for (int c = 0; c < 3; c++) {
                bgr[3 * i + c] = (byte) Math.max(0, Math.min(255, Math.round(rgb[3 * i + 2 - c])));
            }
        }
        ImageWriter writer = JPEG_WRITER.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(THUMBNAIL_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(img, null, null), param);
        } catch (IOException e) {
            throw new StageException("Cannot encode a face thumbnail: " + e.getMessage(), e);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }

    @Override
    public void close() {
        model.close();
    }
}
