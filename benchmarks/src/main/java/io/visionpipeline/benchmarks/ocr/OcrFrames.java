package io.visionpipeline.benchmarks.ocr;

import io.visionpipeline.core.decode.FrameReader;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The benchmarks' input: a 1280×720 slide with eight lines of text, as a PNG and as a decoded frame. */
final class OcrFrames {
    static final String[] LINES = {
            "Quarterly results 2024",
            "Revenue grew 12.5% to 4.2 million euros",
            "Operating costs fell by 3.1 percent",
            "New offices opened in Lisbon and Berlin",
            "Customer satisfaction reached 91 points",
            "Headcount rose from 180 to 214 people",
            "Cash reserves cover nine months of spending",
            "Next review: 14 March, main conference room"};

    private OcrFrames() {
    }

    /** @return the slide as a PNG under the generated test media folder (written once) */
    static Path slidePng() {
        Path file = TestMedia.generatedDir().resolve("ocr-bench-slide-1280x720.png");
        if (Files.isRegularFile(file)) {
            return file;
        }
        BufferedImage slide = new BufferedImage(1280, 720, BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = slide.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(new Color(245, 245, 240));
        g.fillRect(0, 0, 1280, 720);
        g.setColor(new Color(20, 40, 90));
        g.setFont(new Font("DejaVu Sans", Font.BOLD, 48));
        g.drawString(LINES[0], 80, 110);
        g.setColor(new Color(30, 30, 30));
        g.setFont(new Font("DejaVu Sans", Font.PLAIN, 32));
        for (int i = 1; i < LINES.length; i++) {
            g.drawString(LINES[i], 100, 170 + 72 * i);
        }
        g.dispose();
        try {
            Path part = Files.createTempFile(file.getParent(), "ocr-bench", ".png");
            ImageIO.write(slide, "png", part.toFile());
            return Files.move(part, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param engine the engine being benchmarked
     * @param read   what it read on the slide
     * @throws IllegalStateException when it did not read the slide's eight lines
     */
    static void checkReadsAllLines(String engine, List<TextBlock> read) {
        if (read.size() != LINES.length) {
            throw new IllegalStateException(engine + ": expected " + LINES.length + " lines, read " + read);
        }
    }

    /** @return the slide decoded as the pipeline decodes it */
    static ImageFrame slide() {
        try (FrameReader reader = FrameReader.open(MediaSource.of(slidePng()), FrameSampling.everyNthFrame(1))) {
            return reader.next();
        }
    }
}
