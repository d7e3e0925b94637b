package io.visionpipeline.cpu.face;

import io.visionpipeline.cpu.ocr.TextImages;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;

import javax.imageio.ImageIO;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;

/**
 * Face photos for the identity tests, from the Debian test media, and the augmentations the
 * calibration applies: scale, rotation, brightness, JPEG quality 30, horizontal flip. Each
 * augmented photo goes through the real decoder (written as PNG or JPEG, read back by FFmpeg).
 */
final class FacePhotos {

    /** A named picture transformation. */
    record Augmentation(String name, UnaryOperator<BufferedImage> apply, int jpegQuality) {
    }

    /** The astronaut's augmentations: scale 0.5–1.5, rotation ±15°, brightness ±30%, JPEG q30, flip, and mixes. */
    static List<Augmentation> calibrationAugmentations() {
        List<Augmentation> list = new ArrayList<>();
        list.add(new Augmentation("original", i -> i, 0));
        for (double s : new double[] {0.5, 0.75, 1.25, 1.5}) {
            list.add(new Augmentation("scale" + s, i -> scale(i, s), 0));
        }
        for (int deg : new int[] {-15, -10, -5, 5, 10, 15}) {
            list.add(new Augmentation("rotate" + deg, i -> rotate(i, deg), 0));
        }
        for (double b : new double[] {0.7, 0.85, 1.15, 1.3}) {
            list.add(new Augmentation("bright" + b, i -> brightness(i, b), 0));
        }
        list.add(new Augmentation("jpeg30", i -> i, 30));
        list.add(new Augmentation("flip", FacePhotos::flip, 0));
        list.add(new Augmentation("flip-rotate10", i -> rotate(flip(i), 10), 0));
        list.add(new Augmentation("scale0.5-jpeg30", i -> scale(i, 0.5), 30));
        list.add(new Augmentation("bright0.7-rotate-15", i -> rotate(brightness(i, 0.7), -15), 0));
        list.add(new Augmentation("bright1.3-scale1.5-flip", i -> flip(scale(brightness(i, 1.3), 1.5)), 0));
        list.add(new Augmentation("scale0.75-rotate15-jpeg30", i -> rotate(scale(i, 0.75), 15), 30));
        return list;
    }

    /** A few augmentations for the other people's faces. */
    static List<Augmentation> fewAugmentations() {
        return List.of(new Augmentation("original", i -> i, 0), new Augmentation("flip", FacePhotos::flip, 0),
                new Augmentation("rotate10", i -> rotate(i, 10), 0), new Augmentation("jpeg30", i -> i, 30));
    }

    private FacePhotos() {
    }

    static BufferedImage read(Path file) {
        try {
            BufferedImage image = ImageIO.read(file.toFile());
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            rgb.getGraphics().drawImage(image, 0, 0, null);
            return rgb;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A portrait of Messi: the face the full-range detector finds in messi5.jpg (a small face in a
     * wide photo), cropped with its surroundings and enlarged 3×, so a slideshow can show two
     * different people's faces at similar sizes.
     *
     * @return the portrait's PNG (made once, then reused)
     */
    static Path messiPortrait() {
        Path file = TestMedia.opencv("messi5.jpg");
        BufferedImage photo = read(file);
        io.visionpipeline.geometry.BoundingBox box;
        try (BlazeFaceDetector far = BlazeFaceDetector.open(BlazeFaceModel.FULL, io.visionpipeline.core.model.ModelStore.defaults(),
                BlazeFaceProvider.DEFAULT_THRESHOLD, BlazeFaceProvider.DEFAULT_NMS_IOU, io.visionpipeline.cpu.onnx.OnnxModel.Options.DEFAULT)) {
            box = far.process(TestVideos.load(file)).stream().max(java.util.Comparator.comparingDouble(f -> f.box().area()))
                    .orElseThrow(() -> new IllegalStateException("no face in " + file)).box();
        }
        double side = Math.max(box.width(), box.height()) * 2.5;
        int x = (int) Math.max(0, box.center().x() - side / 2);
        int y = (int) Math.max(0, box.center().y() - side / 2);
        int w = (int) Math.min(side, photo.getWidth() - x);
        int h = (int) Math.min(side, photo.getHeight() - y);
        return TextImages.writePng(scale(photo.getSubimage(x, y, w, h), 3), "faces-messi-portrait.png");
    }

    static BufferedImage astronaut() {
        return read(TestMedia.skimage("astronaut.png"));
    }

    /**
     * @param source  a picture's name for the cache file
     * @param image   the picture
     * @param a       the augmentation
     * @return the augmented picture, written and decoded again through FFmpeg
     */
    static ImageFrame augmented(String source, BufferedImage image, Augmentation a) {
        BufferedImage out = a.apply().apply(image);
        String name = String.format(Locale.ROOT, "faces-%s-%s", source, a.name());
        Path file = a.jpegQuality() > 0 ? TextImages.writeJpeg(out, name + ".jpg", a.jpegQuality()) : TextImages.writePng(out, name + ".png");
        return TestVideos.load(file);
    }

    static BufferedImage scale(BufferedImage in, double f) {
        int w = (int) Math.round(in.getWidth() * f);
        int h = (int) Math.round(in.getHeight() * f);
        return draw(in, w, h, AffineTransform.getScaleInstance((double) w / in.getWidth(), (double) h / in.getHeight()));
    }

    /** Rotates about the centre, keeping the canvas (corners filled black). */
    static BufferedImage rotate(BufferedImage in, double degrees) {
        return draw(in, in.getWidth(), in.getHeight(),
                AffineTransform.getRotateInstance(Math.toRadians(degrees), in.getWidth() / 2.0, in.getHeight() / 2.0));
    }

    static BufferedImage flip(BufferedImage in) {
        AffineTransform t = AffineTransform.getScaleInstance(-1, 1);
        t.translate(-in.getWidth(), 0);
        return draw(in, in.getWidth(), in.getHeight(), t);
    }

    static BufferedImage brightness(BufferedImage in, double factor) {
        BufferedImage out = new BufferedImage(in.getWidth(), in.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < in.getHeight(); y++) {
            for (int x = 0; x < in.getWidth(); x++) {
                int p = in.getRGB(x, y);
                int r = Math.min(255, (int) Math.round((p >> 16 & 0xFF) * factor));
                int g = Math.min(255, (int) Math.round((p >> 8 & 0xFF) * factor));
                int b = Math.min(255, (int) Math.round((p & 0xFF) * factor));
                out.setRGB(x, y, r << 16 | g << 8 | b);
            }
        }
        return out;
    }

    private static BufferedImage draw(BufferedImage in, int w, int h, AffineTransform t) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.drawImage(in, t, null);
        g.dispose();
        return out;
    }
}
