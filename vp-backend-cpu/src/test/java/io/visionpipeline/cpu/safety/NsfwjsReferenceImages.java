package io.visionpipeline.cpu.safety;

import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The pictures the nsfwjs stage is checked on against nsfwjs itself: five photographs from the
 * skimage and opencv-doc Debian packages and two pencil drawings rendered by {@link LineDrawing};
 * and the exact bytes the reference script gives nsfwjs for each.
 */
final class NsfwjsReferenceImages {
    /** Photographs that must read as neutral. */
    static final String[] PHOTOS = {"astronaut.png", "coffee.png", "chelsea.png", "camera.png", "messi5.jpg"};
    /** Drawings that must read as drawings. */
    static final String[] DRAWINGS = {"pencil-house", "pencil-figure"};

    private NsfwjsReferenceImages() {
    }

    /** @return every picture by name, photographs first */
    static Map<String, ImageFrame> all() {
        Map<String, ImageFrame> images = new LinkedHashMap<>();
        for (String photo : PHOTOS) {
            images.put(photo, TestVideos.load(photo.equals("messi5.jpg") ? TestMedia.opencv(photo) : TestMedia.skimage(photo)));
        }
        images.put(DRAWINGS[0], LineDrawing.house());
        images.put(DRAWINGS[1], LineDrawing.figure());
        return images;
    }

    /** @return the frame's RGB bytes, which nsfwjs's own resize gets as an int32 [h, w, 3] tensor */
    static byte[] rgb(ImageFrame frame) {
        return frame.rgb();
    }

    /** @return the letterboxed 224×224×3 picture as little-endian float32 values in 0–255, which nsfwjs gets unresized */
    static byte[] letterboxed(ImageFrame frame) {
        int size = NsfwjsModel.INPUT_SIZE;
        float[] values = new float[size * size * 3];
        NsfwjsResize.LETTERBOX.pack(frame, Normalization.RAW, values, 0);
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        return bytes.array();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
