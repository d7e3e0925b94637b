package io.visionpipeline.cpu.safety;

import io.visionpipeline.media.ImageFrame;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.util.Random;

/**
 * Pencil line drawings rendered with Java2D: grey strokes, each drawn three times with a little
 * jitter as a hand sketches, hatching for shade, on off-white paper with grain. Seeded and drawn
 * without anti-aliasing, so every run renders the same pixels.
 */
final class LineDrawing {
    static final int WIDTH = 640;
    static final int HEIGHT = 480;

    private final Random random = new Random(42);
    private final Graphics2D g;

    private LineDrawing(Graphics2D g) {
        this.g = g;
    }

    /** @return a house with a door and a tree on the ground line */
    static ImageFrame house() {
        return render(d -> {
            d.stroke(0, 400, 640, 400);
            for (double[] s : new double[][] {{80, 220, 280, 220}, {280, 220, 280, 400}, {80, 220, 80, 400}, {60, 220, 180, 120},
                {180, 120, 300, 220}, {160, 310, 160, 400}, {200, 310, 200, 400}, {160, 310, 200, 310}}) {
                d.stroke(s[0], s[1], s[2], s[3]);
            }
            for (int x = 80; x < 280; x += 8) {
                d.stroke(x, 220, x + 6, 228);
            }
            for (int i = 0; i < 40; i++) {
                double a = d.random.nextDouble() * Math.PI * 2;
                double r = 40 + d.random.nextDouble() * 25;
                d.stroke(400, 255, 400 + r * Math.cos(a), 255 + r * Math.sin(a) * 0.9);
            }
            d.stroke(390, 400, 390, 300);
            d.stroke(410, 400, 410, 300);
            for (int y = 300; y < 400; y += 6) {
                d.stroke(390, y, 410, y + 4);
            }
        });
    }

    /** @return a standing person in a coat, face and hatched shading */
    static ImageFrame figure() {
        return render(d -> {
            for (double[] s : new double[][] {{320, 60, 360, 90}, {360, 90, 355, 140}, {355, 140, 320, 160}, {320, 160, 285, 140},
                {285, 140, 280, 90}, {280, 90, 320, 60}, {320, 160, 320, 180}, {320, 180, 250, 200}, {320, 180, 390, 200},
                {250, 200, 230, 300}, {390, 200, 410, 300}, {230, 300, 215, 380}, {410, 300, 430, 380}, {270, 200, 270, 320},
                {370, 200, 370, 320}, {270, 320, 370, 320}, {270, 320, 250, 460}, {370, 320, 390, 460}, {320, 330, 310, 460},
                {320, 330, 330, 460}, {300, 105, 310, 105}, {330, 105, 340, 105}, {310, 130, 330, 130}}) {
                d.stroke(s[0], s[1], s[2], s[3]);
            }
            for (int y = 200; y < 320; y += 7) {
                d.stroke(270, y, 300, y + 10);
            }
        });
    }

    private static ImageFrame render(java.util.function.Consumer<LineDrawing> strokes) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        LineDrawing drawing = new LineDrawing(g);
        try {
            for (int y = 0; y < HEIGHT; y++) {
                for (int x = 0; x < WIDTH; x++) {
                    int v = 228 + drawing.random.nextInt(12) - (int) (20 * Math.hypot(x - WIDTH / 2.0, y - HEIGHT / 2.0) / 400);
                    image.setRGB(x, y, new Color(v, v - 4, v - 14).getRGB());
                }
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            strokes.accept(drawing);
        } finally {
            g.dispose();
        }
        int[] argb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        byte[] rgb = new byte[argb.length * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[3 * i] = (byte) (argb[i] >> 16);
            rgb[3 * i + 1] = (byte) (argb[i] >> 8);
            rgb[3 * i + 2] = (byte) argb[i];
        }
        return ImageFrame.ofRgb(WIDTH, HEIGHT, rgb);
    }

    /** One pencil stroke: three passes of grey 40–90, 1–2 px wide, ends jittered by about 2 px. */
    private void stroke(double x1, double y1, double x2, double y2) {
        for (int pass = 0; pass < 3; pass++) {
            int grey = 40 + random.nextInt(50);
            g.setColor(new Color(grey, grey, grey));
            g.setStroke(new BasicStroke(1 + random.nextInt(2)));
            g.draw(new Line2D.Double(x1 + random.nextGaussian() * 2, y1 + random.nextGaussian() * 2,
                    x2 + random.nextGaussian() * 2, y2 + random.nextGaussian() * 2));
        }
    }
}
