package io.visionpipeline.core.report;

import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.media.ImageFrame;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * Small JPEG pictures of frames (or of a region of one) as {@code data:} URIs, for pages that must
 * work offline: the HTML report and the search page of the server example; and the one JPEG
 * encoder of small pictures ({@link #jpeg(BufferedImage)}), which face thumbnails use too.
 *
 * <pre>{@code
 * String src = Thumbnails.dataUri(frame, 480);   // <img src="...">
 * }</pre>
 */
public final class Thumbnails {
    /** JPEG quality of thumbnails: small files, faces still recognisable. */
    static final float QUALITY = 0.8f;
    /** One JPEG writer per thread: looking one up and creating it costs more than encoding a small picture. */
    private static final ThreadLocal<ImageWriter> JPEG_WRITER = ThreadLocal.withInitial(() -> ImageIO.getImageWritersByFormatName("jpeg").next());

    private Thumbnails() {
    }

    /**
     * @param frame    an RGB frame
     * @param maxWidth the widest the picture may be; smaller frames keep their size
     * @return a {@code data:image/jpeg;base64,...} URI of the frame scaled to at most {@code maxWidth}
     */
    public static String dataUri(ImageFrame frame, int maxWidth) {
        return dataUri(frame, new BoundingBox(0, 0, frame.width(), frame.height()), maxWidth);
    }

    /**
     * @param frame    an RGB frame
     * @param region   the part of the frame to show, in frame pixels (clipped to the frame)
     * @param maxWidth the widest the picture may be
     * @return a {@code data:image/jpeg;base64,...} URI of the region scaled to at most {@code maxWidth}
     */
    public static String dataUri(ImageFrame frame, BoundingBox region, int maxWidth) {
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg(frame, region, maxWidth));
    }

    /**
     * @param frame    an RGB frame
     * @param maxWidth the widest the picture may be; smaller frames keep their size
     * @return the frame scaled to at most {@code maxWidth}, as JPEG bytes
     */
    public static byte[] jpeg(ImageFrame frame, int maxWidth) {
        return jpeg(frame, new BoundingBox(0, 0, frame.width(), frame.height()), maxWidth);
    }

    private static byte[] jpeg(ImageFrame frame, BoundingBox region, int maxWidth) {
        if (maxWidth < 1) {
            throw new IllegalArgumentException("maxWidth must be positive: " + maxWidth);
        }
        BoundingBox r = region.clip(frame.width(), frame.height());
        int sx = (int) Math.floor(r.x());
        int sy = (int) Math.floor(r.y());
        int sw = Math.max(1, (int) Math.ceil(r.maxX()) - sx);
        int sh = Math.max(1, (int) Math.ceil(r.maxY()) - sy);
        double scale = Math.min(1, maxWidth / (double) sw);
        int w = Math.max(1, (int) Math.round(sw * scale));
        int h = Math.max(1, (int) Math.round(sh * scale));
        BufferedImage source = toImage(frame);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(source, 0, 0, w, h, sx, sy, sx + sw, sy + sh, null);
        } finally {
            g.dispose();
        }
        return jpeg(out);
    }

    private static BufferedImage toImage(ImageFrame frame) {
        BufferedImage image = new BufferedImage(frame.width(), frame.height(), BufferedImage.TYPE_3BYTE_BGR);
        byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = frame.rgb();
        for (int i = 0; i < rgb.length; i += 3) {
            bgr[i] = rgb[i + 2];
            bgr[i + 1] = rgb[i + 1];
            bgr[i + 2] = rgb[i];
        }
        return image;
    }

    /**
     * @param image an RGB picture ({@link BufferedImage#TYPE_3BYTE_BGR} needs no conversion)
     * @return it as JPEG bytes, at the thumbnails' quality
     */
    public static byte[] jpeg(BufferedImage image) {
        ImageWriter writer = JPEG_WRITER.get();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(QUALITY);
            writer.write(null, new IIOImage(image, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot encode a JPEG thumbnail in memory", e);
        } finally {
            writer.reset();
        }
        return bytes.toByteArray();
    }
}
