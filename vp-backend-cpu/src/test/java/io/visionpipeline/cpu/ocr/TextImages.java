package io.visionpipeline.cpu.ocr;

import io.visionpipeline.geometry.Point;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Point2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders pages of known text as OCR test inputs, with Java2D and the fonts installed on the
 * machine: lines of several sizes, dark-on-light or light-on-dark, the page rotated, saved as a
 * JPEG of a chosen quality (cached under {@link TestMedia#generatedDir()}), so the test reads it
 * back through the real decoder.
 */
public final class TextImages {
    private static final int PAGE_WIDTH = 1280;
    private static final int MARGIN = 40;
    private static final Color PAGE = new Color(200, 200, 196);
    private static final Color LIGHT = new Color(246, 245, 240);
    private static final Color DARK = new Color(24, 34, 58);

    private TextImages() {
    }

    /**
     * One line of a page.
     *
     * @param text       what it says
     * @param size       font size in pixels
     * @param lightOnDark whether it is light text on a dark band
     */
    public record Line(String text, int size, boolean lightOnDark) {
    }

    /**
     * A rendered page.
     *
     * @param file  the JPEG
     * @param lines the lines, top to bottom
     * @param bands where each line's band is in the JPEG, in pixels
     */
    public record Page(Path file, List<Line> lines, List<Polygon> bands) {
    }

    /**
     * @param font        a font family that must be installed
     * @param lines       the lines, top to bottom
     * @param degrees     rotation of the page, counter-clockwise
     * @param jpegQuality JPEG quality, 1–100
     * @return the page
     * @throws IllegalStateException when the font is not installed or a line does not fit
     */
    public static Page render(String font, List<Line> lines, double degrees, int jpegQuality) {
        int height = 2 * MARGIN;
        for (Line line : lines) {
            height += 2 * line.size();
        }
        BufferedImage page = new BufferedImage(PAGE_WIDTH, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = page.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setColor(PAGE);
        g.fillRect(0, 0, PAGE_WIDTH, height);
        List<double[]> bandRects = new ArrayList<>();
        int y = MARGIN;
        for (Line line : lines) {
            g.setFont(installed(font, Font.PLAIN, line.size()));
            FontMetrics metrics = g.getFontMetrics();
            int width = metrics.stringWidth(line.text());
            int band = 2 * line.size();
            if (width + 2 * MARGIN > PAGE_WIDTH) {
                throw new IllegalStateException("'" + line.text() + "' is " + width + " px wide in " + font + " " + line.size() + " px");
            }
            g.setColor(line.lightOnDark() ? DARK : LIGHT);
            g.fillRect(MARGIN / 2, y, width + MARGIN, band);
            g.setColor(line.lightOnDark() ? LIGHT : DARK);
            int baseline = y + (band - metrics.getHeight()) / 2 + metrics.getAscent();
            g.drawString(line.text(), MARGIN, baseline);
            bandRects.add(new double[] {MARGIN / 2.0, y, width + MARGIN, band});
            y += band;
        }
        g.dispose();
        BufferedImage rotated = rotate(page, degrees);
        AffineTransform transform = rotation(page.getWidth(), page.getHeight(), rotated.getWidth(), rotated.getHeight(), degrees);
        List<Polygon> bands = new ArrayList<>();
        for (double[] r : bandRects) {
            bands.add(transform(transform, r[0], r[1], r[0] + r[2], r[1] + r[3]));
        }
        String name = String.format(Locale.ROOT, "ocr-v1-%s-%+.0f-q%d-%08x.jpg", font.replace(' ', '_'), degrees, jpegQuality,
                lines.hashCode());
        return new Page(writeJpeg(rotated, name, jpegQuality), List.copyOf(lines), bands);
    }

    /** The font, or an exception naming the packages to install when Java would silently substitute another. */
    private static Font installed(String family, int style, int size) {
        Font f = new Font(family, style, size);
        if (!f.getFamily(Locale.ROOT).equals(family)) {
            throw new IllegalStateException("Font '" + family + "' is not installed (got " + f.getFamily(Locale.ROOT)
                    + "): install fonts-dejavu-core, fonts-dejavu-extra, fonts-liberation2, fonts-lato and fonts-wqy-microhei"
                    + " (scripts/install-prerequisites.sh)");
        }
        return f;
    }

    private static AffineTransform rotation(int width, int height, int canvasWidth, int canvasHeight, double degrees) {
        AffineTransform t = new AffineTransform();
        t.translate(canvasWidth / 2.0, canvasHeight / 2.0);
        t.rotate(Math.toRadians(-degrees));
        t.translate(-width / 2.0, -height / 2.0);
        return t;
    }

    private static BufferedImage rotate(BufferedImage page, double degrees) {
        double r = Math.toRadians(degrees);
        int w = (int) Math.ceil(Math.abs(page.getWidth() * Math.cos(r)) + Math.abs(page.getHeight() * Math.sin(r)));
        int h = (int) Math.ceil(Math.abs(page.getWidth() * Math.sin(r)) + Math.abs(page.getHeight() * Math.cos(r)));
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = out.createGraphics();
        g.setColor(PAGE);
        g.fillRect(0, 0, w, h);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BICUBIC);
        g.drawImage(page, rotation(page.getWidth(), page.getHeight(), w, h, degrees), null);
        g.dispose();
        return out;
    }

    private static Polygon transform(AffineTransform t, double x1, double y1, double x2, double y2) {
        double[] corners = {x1, y1, x2, y1, x2, y2, x1, y2};
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Point2D p = t.transform(new Point2D.Double(corners[2 * i], corners[2 * i + 1]), null);
            points.add(new Point(p.getX(), p.getY()));
        }
        return new Polygon(points);
    }

    /**
     * @param width  picture width
     * @param height picture height
     * @param text   one line of text, drawn centred
     * @param size   font size in pixels (DejaVu Sans Bold)
     * @param ink    text colour
     * @param paper  background colour
     * @return the picture
     */
    public static BufferedImage line(int width, int height, String text, int size, Color ink, Color paper) {
        return line("DejaVu Sans", Font.BOLD, width, height, text, size, ink, paper);
    }

    /**
     * @param font   an installed font family
     * @param style  {@link Font#PLAIN} or {@link Font#BOLD}
     * @param width  picture width
     * @param height picture height
     * @param text   one line of text, drawn centred
     * @param size   font size in pixels
     * @param ink    text colour
     * @param paper  background colour
     * @return the picture
     */
    public static BufferedImage line(String font, int style, int width, int height, String text, int size, Color ink, Color paper) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(paper);
        g.fillRect(0, 0, width, height);
        g.setColor(ink);
        g.setFont(installed(font, style, size));
        FontMetrics m = g.getFontMetrics();
        g.drawString(text, (width - m.stringWidth(text)) / 2, (height - m.getHeight()) / 2 + m.getAscent());
        g.dispose();
        return image;
    }

    /**
     * @param image a picture
     * @return its pixels as a frame (index 0, time 0)
     */
    public static ImageFrame frame(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        byte[] rgb = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = image.getRGB(x, y);
                int i = 3 * (y * w + x);
                rgb[i] = (byte) (p >> 16);
                rgb[i + 1] = (byte) (p >> 8);
                rgb[i + 2] = (byte) p;
            }
        }
        return ImageFrame.ofRgb(w, h, rgb);
    }

    /**
     * @param image a picture
     * @param name  cache file name
     * @return a PNG of it (written once, then reused)
     */
    public static Path writePng(BufferedImage image, String name) {
        return cached(name, file -> ImageIO.write(image, "png", file.toFile()));
    }

    /**
     * Writes a picture as a CMYK JPEG the way Photoshop does (four inverted components and an
     * Adobe marker saying "no colour transform"), which FFmpeg must convert back to RGB.
     *
     * @param image a picture
     * @param name  cache file name
     * @return the JPEG (written once, then reused)
     */
    public static Path writeCmykJpeg(BufferedImage image, String name) {
        return cached(name, file -> {
            int w = image.getWidth();
            int h = image.getHeight();
            WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, w, h, 4, null);
            int[] pixel = new int[4];
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int p = image.getRGB(x, y);
                    double r = (p >> 16 & 0xFF) / 255.0;
                    double g = (p >> 8 & 0xFF) / 255.0;
                    double b = (p & 0xFF) / 255.0;
                    double k = 1 - Math.max(r, Math.max(g, b));
                    double d = k >= 1 ? 1 : 1 - k;
                    pixel[0] = 255 - (int) Math.round(255 * (1 - r - k) / d);
                    pixel[1] = 255 - (int) Math.round(255 * (1 - g - k) / d);
                    pixel[2] = 255 - (int) Math.round(255 * (1 - b - k) / d);
                    pixel[3] = 255 - (int) Math.round(255 * k);
                    cmyk.setPixel(x, y, pixel);
                }
            }
            ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(jpeg)) {
                writer.setOutput(out);
                writer.write(null, new IIOImage(cmyk, null, null), null);
            } finally {
                writer.dispose();
            }
            byte[] bytes = jpeg.toByteArray();
            byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0};
            try (OutputStream out = Files.newOutputStream(file)) {
                out.write(bytes, 0, 2);
                out.write(adobe);
                out.write(bytes, 2, bytes.length - 2);
            }
        });
    }

    /**
     * @param image   a picture
     * @param name    cache file name
     * @param quality JPEG quality, 1–100
     * @return the JPEG file (written once, then reused)
     */
    public static Path writeJpeg(BufferedImage image, String name, int quality) {
        return cached(name, file -> {
            ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(quality / 100f);
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, null), param);
            } finally {
                writer.dispose();
            }
        });
    }

    @FunctionalInterface
    private interface Writer {
        void write(Path file) throws IOException;
    }

    /** Writes a file under the generated-media folder once, atomically, and reuses it afterwards. */
    private static Path cached(String name, Writer writer) {
        Path file = TestMedia.generatedDir().resolve(name);
        if (Files.isRegularFile(file)) {
            return file;
        }
        try {
            Path part = Files.createTempFile(file.getParent(), name, ".part");
            writer.write(part);
            return Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
