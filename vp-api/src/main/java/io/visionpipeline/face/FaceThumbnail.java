package io.visionpipeline.face;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A face's aligned crop as a small JPEG, encoded the first time it is asked for. An embedder hands
 * one out with every face, but only an identity's best face is ever shown: an
 * {@link IdentityTracker} asks for one thumbnail per identity, so the other faces of a video are
 * never encoded (in a video stage, encoding each face's crop cost about as much as its quality score).
 *
 * <pre>{@code
 * FaceThumbnail thumbnail = face.embedding().thumbnail();
 * Files.write(Path.of("face.jpg"), thumbnail.jpeg());
 * }</pre>
 *
 * <p>Thread-safe: concurrent first calls encode once.
 *
 * @since 0.1
 */
public final class FaceThumbnail {
    private Supplier<byte[]> encoder;
    private volatile byte[] jpeg;

    private FaceThumbnail(byte[] jpeg, Supplier<byte[]> encoder) {
        this.jpeg = jpeg;
        this.encoder = encoder;
    }

    /**
     * @param jpeg JPEG bytes already encoded
     * @return a thumbnail of them
     */
    public static FaceThumbnail ofJpeg(byte[] jpeg) {
        return new FaceThumbnail(Objects.requireNonNull(jpeg, "jpeg"), null);
    }

    /**
     * @param encoder makes the JPEG bytes; called at most once, on the thread that first asks, and
     *                let go of after (with the pixels it holds)
     * @return a thumbnail encoded when first asked for
     */
    public static FaceThumbnail encodedWhenAsked(Supplier<byte[]> encoder) {
        return new FaceThumbnail(null, Objects.requireNonNull(encoder, "encoder"));
    }

    /**
     * @return the JPEG bytes (the same array on every call: do not change it)
     * @throws RuntimeException what the encoder throws, when encoding fails (asking again tries again)
     */
    public byte[] jpeg() {
        byte[] bytes = jpeg;
        if (bytes == null) {
            synchronized (this) {
                bytes = jpeg;
                if (bytes == null) {
                    bytes = Objects.requireNonNull(encoder.get(), "the encoder gave no bytes");
                    jpeg = bytes;
                    encoder = null;
                }
            }
        }
        return bytes;
    }

    @Override
    public String toString() {
        byte[] bytes = jpeg;
        return bytes == null ? "FaceThumbnail[not yet encoded]" : "FaceThumbnail[" + bytes.length + " B JPEG]";
    }
}
