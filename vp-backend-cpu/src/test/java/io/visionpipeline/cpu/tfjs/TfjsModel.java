package io.visionpipeline.cpu.tfjs;

import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The converted TF.js models under test and how each is fed a test image: letterboxed into its
 * square NHWC input with {@link ImageTensors} (the shared pixel-to-tensor step), in the range the
 * model expects; MoveNet takes whole pixel values as int32. The TF.js references were computed on
 * exactly these tensors (their SHA-256 is in the reference files).
 */
enum TfjsModel {
    MOVENET_LIGHTNING("movenet-lightning", 192, Normalization.RAW, true),
    MOVENET_THUNDER("movenet-thunder", 256, Normalization.RAW, true),
    MOVENET_MULTIPOSE("movenet-multipose", 256, Normalization.RAW, true),
    NSFWJS_MOBILENET_V2_MID("nsfwjs-mobilenet-v2-mid", 224, Normalization.ZERO_TO_ONE, false),
    NSFWJS_MOBILENET_V2("nsfwjs-mobilenet-v2", 224, Normalization.ZERO_TO_ONE, false),
    MOBILEFACE("mobileface", 112, Normalization.RAW, false),
    FACERES("faceres", 224, Normalization.ZERO_TO_ONE, false);

    /** The real images every model is checked on. */
    static final List<String> IMAGES = List.of("astronaut.png", "camera.png", "coffee.png", "messi5.jpg");

    final String id;
    final int size;
    final Normalization normalization;
    final boolean integerPixels;

    TfjsModel(String id, int size, Normalization normalization, boolean integerPixels) {
        this.id = id;
        this.size = size;
        this.normalization = normalization;
        this.integerPixels = integerPixels;
    }

    /** @return the converted model's file name in the model store */
    String onnxFile() {
        return id + ".onnx";
    }

    /** @return a test image by name, from the skimage or opencv-doc Debian packages */
    static Path image(String name) {
        return name.equals("messi5.jpg") ? TestMedia.opencv(name) : TestMedia.skimage(name);
    }

    /** @return the model input for an image */
    Input input(String image) {
        return input(TestVideos.load(image(image)));
    }

    /** @return the model input for a frame, letterboxed into the model's square input */
    Input input(ImageFrame frame) {
        Letterbox box = Letterbox.fit(frame.width(), frame.height(), size, size);
        float[] pixels = new float[size * size * 3];
        ImageTensors.pack(frame, box, normalization, TensorLayout.NHWC, pixels, 0);
        long[] shape = {1, size, size, 3};
        if (!integerPixels) {
            return new Input(box, shape, pixels, null);
        }
        int[] ints = new int[pixels.length];
        for (int i = 0; i < ints.length; i++) {
            ints[i] = Math.round(pixels[i]);
        }
        return new Input(box, shape, null, ints);
    }

    /**
     * One model input.
     *
     * @param box    where the image lies in it
     * @param shape  NHWC shape
     * @param floats float32 values, or null
     * @param ints   int32 values, or null
     */
    record Input(Letterbox box, long[] shape, float[] floats, int[] ints) {
        String dtype() {
            return floats != null ? "float32" : "int32";
        }

        /** @return the values as little-endian bytes, as the reference script reads them */
        byte[] bytes() {
            ByteBuffer b = ByteBuffer.allocate(4 * (floats != null ? floats.length : ints.length)).order(ByteOrder.LITTLE_ENDIAN);
            if (floats != null) {
                b.asFloatBuffer().put(floats);
            } else {
                b.asIntBuffer().put(ints);
            }
            return b.array();
        }

        String sha256() {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes()));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
