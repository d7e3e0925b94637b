package io.visionpipeline.cpu.ocr;

import io.visionpipeline.geometry.Point;
import io.visionpipeline.geometry.Polygon;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.testing.TestVideos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rendered test set of the OCR accuracy tests: five fonts (sans, serif, Times-like, mono,
 * humanist) × three rotations (0°, +5°, −5°) = 15 pages, each with five lines at 12, 18, 24, 36 and
 * 48 px alternating dark-on-light and light-on-dark, saved as JPEG quality 40: 75 lines, no two alike.
 */
final class RenderedText {
    private static final Logger LOG = LoggerFactory.getLogger(RenderedText.class);
    static final List<String> FONTS = List.of("DejaVu Sans", "DejaVu Serif", "Liberation Serif", "Liberation Mono", "Lato");
    static final int[] SIZES = {12, 18, 24, 36, 48};
    static final double[] ROTATIONS = {0, 5, -5};
    static final int JPEG_QUALITY = 40;
    private static final List<String> CORPUS = List.of(
            "Quarterly revenue rose 12.5% to $4.2M",
            "Meeting moved to Room 214 at 3:30 pm",
            "BREAKING NEWS: storm reaches coast",
            "Flight BA 2490 to Lisbon is delayed",
            "Please keep your ticket until exit",
            "Chapter 7 - The long road north",
            "Temperature: 23 C, wind 14 km/h",
            "Visit www.example.org for details",
            "Total due (incl. VAT): EUR 1,089.00",
            "Live from Berlin, Saturday night",
            "Keynote: Building reliable systems",
            "Order #58231 shipped on 2024-03-18",
            "Exit 42 - Airport, City Centre",
            "Warning: high voltage inside!",
            "Slide 12 of 40 - Results and costs",
            "The quick brown fox jumps high",
            "Jackdaws love my big sphinx of quartz",
            "Call 0800 555 0199 before 6 pm",
            "Season 3, Episode 9: Homecoming",
            "Open daily 9:00 - 17:30 except Monday",
            "Subscribe and share with friends",
            "Profit margin fell to 8.1 percent",
            "Platform 5 for trains to Glasgow",
            "Sale ends Sunday: up to 50% off",
            "Directed by Maria Lopez Garcia",
            "Step 4: tighten all screws by hand",
            "Population grew by 1.3 million",
            "Next stop: Central Station",
            "Questions? Ask us at the front desk",
            "Version 2.7.1 released in June",
            "Figure 3: error rate by font size",
            "No parking at any time",
            "Welcome to the annual conference",
            "Score: Lions 24, Tigers 17",
            "Press any key to continue",
            "Battery level low: 15% remaining",
            "Thank you for watching",
            "Emergency exit on the left side",
            "Mix 200 g flour with 3 eggs",
            "Gate B17 closes 20 minutes before",
            "Summer school starts on July 8",
            "All rights reserved, 2023",
            "Handle with care - fragile glass",
            "Average speed 87.4 km/h overall",
            "Museum of Modern Art, 2nd floor",
            "Listen to the full interview online",
            "Weather alert for the next 48 hours",
            "Ingredients: water, sugar, salt",
            "Do not feed the animals",
            "Tickets from GBP 12.50 per person",
            "Results are final after review",
            "Route 66 starts in Chicago",
            "Minutes of the board meeting",
            "Keep left unless overtaking",
            "Brightness and contrast settings",
            "Download the app for free today",
            "Only 3 seats left at this price",
            "Backup completed at 02:14 AM",
            "Lunch is served from noon",
            "Authorised personnel only",
            "The market closed 1.8% higher",
            "Happy birthday, dear Sophie!",
            "Lecture 5: graphs and networks",
            "Turn right after the bridge",
            "Built in 1889 by Gustave Eiffel",
            "Your order will arrive Thursday",
            "Press release - for immediate use",
            "Rainfall: 34 mm since midnight",
            "Free Wi-Fi for all guests",
            "Section 4.2 describes the method",
            "Mind the gap between train and platform",
            "Bank holiday opening hours apply",
            "Dinner at 7:45 in the main hall",
            "Sources: national statistics office",
            "End of part one");

    private RenderedText() {
    }

    /** @return the 15 pages, rendered once and cached */
    static List<TextImages.Page> pages() {
        List<TextImages.Page> pages = new ArrayList<>();
        int next = 0;
        for (int f = 0; f < FONTS.size(); f++) {
            for (int r = 0; r < ROTATIONS.length; r++) {
                List<TextImages.Line> lines = new ArrayList<>();
                for (int i = 0; i < SIZES.length; i++) {
                    lines.add(new TextImages.Line(CORPUS.get(next++), SIZES[i], (i + f + r) % 2 == 1));
                }
                pages.add(TextImages.render(FONTS.get(f), lines, ROTATIONS[r], JPEG_QUALITY));
            }
        }
        return pages;
    }

    /**
     * Reads every page with an engine and scores it: each block belongs to the line whose band
     * holds its centre; a line's blocks are joined left to right along the line; a block in no
     * band counts as spurious.
     *
     * @param engine an OCR engine
     * @param pages  the pages
     * @return the errors
     */
    static CharacterErrors score(TextRecognizer engine, List<TextImages.Page> pages) {
        CharacterErrors errors = new CharacterErrors();
        for (TextImages.Page page : pages) {
            List<TextBlock> blocks = engine.process(TestVideos.load(page.file()));
            List<List<TextBlock>> byLine = new ArrayList<>();
            page.lines().forEach(l -> byLine.add(new ArrayList<>()));
            for (TextBlock block : blocks) {
                Point centre = block.polygon().bounds().center();
                int line = indexOfBandHolding(page.bands(), centre);
                if (line < 0) {
                    LOG.info("{}: spurious '{}'", page.file().getFileName(), block.text());
                    errors.addSpurious(block.text());
                } else {
                    byLine.get(line).add(block);
                }
            }
            for (int i = 0; i < page.lines().size(); i++) {
                Polygon band = page.bands().get(i);
                Point origin = band.points().get(0);
                Point end = band.points().get(1);
                double dx = end.x() - origin.x();
                double dy = end.y() - origin.y();
                List<TextBlock> line = byLine.get(i);
                line.sort(Comparator.comparingDouble(b -> b.polygon().bounds().center().x() * dx + b.polygon().bounds().center().y() * dy));
                TextImages.Line truth = page.lines().get(i);
                String read = String.join(" ", line.stream().map(TextBlock::text).toList());
                errors.add(truth.text(), read);
                if (!CharacterErrors.normalize(read).equals(truth.text())) {
                    LOG.info("{} {} px{}: '{}' read as '{}'", page.file().getFileName(), truth.size(),
                            truth.lightOnDark() ? " light-on-dark" : "", truth.text(), read);
                }
            }
        }
        return errors;
    }

    private static int indexOfBandHolding(List<Polygon> bands, Point p) {
        for (int i = 0; i < bands.size(); i++) {
            if (bands.get(i).contains(p)) {
                return i;
            }
        }
        return -1;
    }
}
