package io.visionpipeline.examples.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.core.report.HtmlReport;
import io.visionpipeline.face.Face;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.pose.BodyPart;
import io.visionpipeline.pose.Keypoint;
import io.visionpipeline.pose.Pose;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report and the search page in headless Chromium: they load with no console error and no
 * network request, the overlays sit on the right pixels (sampled in screenshots), NSFW frames are
 * blurred until clicked, and a search hit plays its video from its moment. Screenshots are written to
 * {@code target/screenshots/}.
 */
class BrowserTest {
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final int WIDTH = 1280;
    private static final int HEIGHT = 1000;
    private static final int[] FACE = {0x00, 0xff, 0x00};
    private static final int[] POSE = {0x00, 0xff, 0xff};
    /** Body keypoints, far from the face's own landmarks. */
    private static final Set<BodyPart> BODY = Set.of(BodyPart.LEFT_SHOULDER, BodyPart.RIGHT_SHOULDER, BodyPart.LEFT_ELBOW,
            BodyPart.RIGHT_ELBOW, BodyPart.LEFT_HIP, BodyPart.RIGHT_HIP, BodyPart.LEFT_KNEE, BodyPart.RIGHT_KNEE);

    @TempDir
    static Path dir;
    static VisionPipeline pipeline;
    static HeadlessChromium browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(HeadlessChromium.executable().isPresent(),
                "chromium is not installed: run scripts/install-prerequisites.sh (Debian package chromium); browser tests skipped");
        pipeline = ServerFixtures.pipeline();
        browser = HeadlessChromium.launch(WIDTH, HEIGHT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void astronautReportBoxesTheFaceAndDrawsTheSkeletonOnTheBody() throws Exception {
        checkReport(TestMedia.skimage("astronaut.png"), "report-astronaut.png");
    }

    @Test
    void messiReportBoxesTheFaceAndDrawsTheSkeletonOnTheBody() throws Exception {
        checkReport(TestMedia.opencv("messi5.jpg"), "report-messi5.png");
    }

    @Test
    void videoReportBoxesTheFaceAndDrawsTheSkeletonOnTheBody() throws Exception {
        checkReport(ServerFixtures.megamindClip(), "report-megamind.png");
    }

    @Test
    void flaggedFramesAreBlurredUntilClicked() throws Exception {
        Path file = TestMedia.skimage("astronaut.png");
        MediaReport real = pipeline.analyze(file);
        FrameResult frame = real.frames().get(0);
        FrameResult flagged = new FrameResult(frame.index(), frame.timestamp(), frame.faces(), frame.text(), frame.poses(),
                new SafetyScore(0, 0, 0.1, 0.85, 0.05, 0.9, true));
        MediaReport report = new MediaReport(real.schemaVersion(), real.media(), real.sampling(), real.stages(), List.of(flagged),
                real.textTracks(), real.identities(), real.transcript(), null, real.warnings(), real.timings(), real.createdAt());
        Path html = dir.resolve("flagged.html");
        HtmlReport.builder(report).source(MediaSource.of(file)).build().write(html);
        browser.navigate(html.toUri().toString());
        String filter = "getComputedStyle(document.querySelector('figure.nsfw img')).filter";
        assertThat(browser.eval(filter).asText()).contains("blur");
        JsonNode rect = browser.eval("(() => { const r = document.querySelector('figure.nsfw').getBoundingClientRect();"
                + " return [r.left + r.width / 2, r.top + r.height / 2]; })()");
        browser.click(rect.get(0).asDouble(), rect.get(1).asDouble());
        assertThat(browser.eval(filter).asText()).isEqualTo("none");
        assertThat(browser.errors()).isEmpty();
    }

    @Test
    void searchPageFindsFramesWithThumbnailsAndPlaysTheVideoFromTheMoment() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (VisionPipeline withOcr = ServerFixtures.pipelineWithOcr();
             MediaLibrary library = MediaLibrary.open(dir.resolve("library"));
             MediaServer server = MediaServer.builder(withOcr).library(library).mediaDir(dir.resolve("media")).port(0).start()) {
            String base = "http://127.0.0.1:" + server.port();
            for (Path media : List.of(TestMedia.skimage("astronaut.png"), TestMedia.opencv("messi5.jpg"), ServerFixtures.megamindClip())) {
                assertThat(ServerFixtures.upload(client, base + "/analyze?index=true", media.getFileName().toString(),
                        Files.readAllBytes(media)).statusCode()).isEqualTo(200);
            }
            browser.navigate(base + "/?q=" + java.net.URLEncoder.encode("a person close up", java.nio.charset.StandardCharsets.UTF_8));
            browser.waitFor("document.querySelectorAll('#hits li').length > 0", Duration.ofSeconds(60));
            browser.waitFor("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)", Duration.ofSeconds(60));
            assertThat(browser.eval("document.querySelectorAll('#hits li').length").asInt()).isGreaterThanOrEqualTo(3);
            assertThat(browser.eval("document.querySelector('#hits .time').textContent").asText()).matches("\\d+:\\d\\d\\.\\d");
            browser.screenshot(SCREENSHOTS.resolve("search-results.png"));
            assertThat(browser.errors()).isEmpty();

            browser.navigate(base + "/?q=unicef");
            browser.waitFor("document.querySelectorAll('#hits li').length > 0", Duration.ofSeconds(60));
            browser.waitFor("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)", Duration.ofSeconds(60));
            JsonNode first = browser.eval("(() => { const li = document.querySelector('#hits li');"
                    + " return [li.querySelector('.kind').textContent, li.querySelector('.snippet').textContent, li.querySelector('.name').textContent]; })()");
            assertThat(first.get(0).asText()).startsWith("ocr");
            assertThat(first.get(1).asText()).containsIgnoringCase("unicef");
            assertThat(first.get(2).asText()).endsWith("messi5.jpg");
            browser.screenshot(SCREENSHOTS.resolve("search-ocr.png"));
            assertThat(browser.errors()).isEmpty();

            browser.navigate(base + "/?q=" + java.net.URLEncoder.encode("a person close up", java.nio.charset.StandardCharsets.UTF_8));
            browser.waitFor("document.querySelectorAll('#hits li').length > 0", Duration.ofSeconds(60));

            JsonNode target = browser.eval("(() => { const items = Array.from(document.querySelectorAll('#hits li'));"
                    + " const li = items.find(l => l.querySelector('.name').textContent.endsWith('.webm')"
                    + " && !l.querySelector('.time').textContent.startsWith('0:00.0')) || items.find(l => l.querySelector('.name').textContent.endsWith('.webm'));"
                    + " li.scrollIntoView({block: 'center'}); const r = li.getBoundingClientRect();"
                    + " return [r.left + r.width / 2, r.top + r.height / 2, li.querySelector('.time').textContent]; })()");
            browser.click(target.get(0).asDouble(), target.get(1).asDouble());
            browser.waitFor("document.querySelector('#player video') && !document.querySelector('#player video').paused", Duration.ofSeconds(30));
            double from = browser.eval("parseFloat(document.getElementById('player').dataset.seconds)").asDouble();
            browser.waitFor("document.querySelector('#player video').currentTime >= " + from, Duration.ofSeconds(30));
            double at = browser.eval("document.querySelector('#player video').currentTime").asDouble();
            assertThat(at).as("playing from " + target.get(2).asText()).isBetween(from, from + 3);
            browser.eval("window.scrollTo(0, 0)");
            browser.screenshot(SCREENSHOTS.resolve("search-playing.png"));
            assertThat(browser.errors()).isEmpty();
        }
    }

    /** Analyses a media, opens its HTML report and checks the face box and a body keypoint in a screenshot. */
    private void checkReport(Path media, String screenshot) throws Exception {
        MediaReport report = pipeline.analyze(media);
        FrameResult frame = report.frames().stream()
                .filter(f -> !f.faces().isEmpty() && f.poses().stream().anyMatch(p -> bodyPoint(p) != null))
                .findFirst().orElseThrow(() -> new AssertionError("no frame of " + media + " with a face and a body: " + report.frames()));
        Path html = dir.resolve(media.getFileName() + ".html");
        HtmlReport.builder(report).source(MediaSource.of(media)).build().write(html);
        browser.navigate(html.toUri().toString());
        JsonNode r = browser.eval("(() => { const f = document.getElementById('frame-" + frame.index() + "');"
                + " f.scrollIntoView({block: 'center'}); const r = f.querySelector('img').getBoundingClientRect();"
                + " return [r.left, r.top, r.width, r.height, +f.dataset.width, +f.dataset.height]; })()");
        BufferedImage shot = browser.screenshot(SCREENSHOTS.resolve(screenshot));
        double left = r.get(0).asDouble();
        double top = r.get(1).asDouble();
        double sx = r.get(2).asDouble() / r.get(4).asDouble();
        double sy = r.get(3).asDouble() / r.get(5).asDouble();

        Face face = frame.faces().stream().max(Comparator.comparingDouble(Face::score)).orElseThrow();
        double bottom = top + face.box().maxY() * sy;
        double centreX = left + face.box().center().x() * sx;
        assertColour(shot, centreX, bottom, FACE, true, "face box bottom edge of " + media.getFileName());
        assertColour(shot, centreX, bottom + 8, FACE, false, "8 px below the face box of " + media.getFileName());
        double leftEdge = left + face.box().x() * sx;
        double centreY = top + face.box().center().y() * sy;
        assertColour(shot, leftEdge, centreY, FACE, true, "face box left edge of " + media.getFileName());
        assertColour(shot, leftEdge - 8, centreY, FACE, false, "8 px left of the face box of " + media.getFileName());

        Keypoint body = frame.poses().stream().map(BrowserTest::bodyPoint).filter(java.util.Objects::nonNull)
                .max(Comparator.comparingDouble(Keypoint::score)).orElseThrow();
        Point p = body.point();
        assertColour(shot, left + p.x() * sx, top + p.y() * sy, POSE, true, body.part().cocoName() + " keypoint of " + media.getFileName());

        assertThat(browser.errors()).as("console errors").isEmpty();
        List<String> remote = new ArrayList<>(browser.requests().stream().filter(u -> !u.startsWith("file:") && !u.startsWith("data:")).toList());
        assertThat(remote).as("network requests of the offline report").isEmpty();
    }

    private static Keypoint bodyPoint(Pose pose) {
        return pose.keypoints().stream().filter(k -> BODY.contains(k.part()) && k.score() >= 0.3).findFirst().orElse(null);
    }

    /** Whether some pixel within 1 px of (x, y) has (or, with {@code expected} false, none has) the colour. */
    private static void assertColour(BufferedImage shot, double x, double y, int[] colour, boolean expected, String what) {
        int cx = (int) Math.round(x);
        int cy = (int) Math.round(y);
        boolean found = false;
        StringBuilder seen = new StringBuilder();
        for (int dy = -1; dy <= 1; dy++) {
            for (int dx = -1; dx <= 1; dx++) {
                int rgb = shot.getRGB(cx + dx, cy + dy);
                int[] c = {rgb >> 16 & 0xff, rgb >> 8 & 0xff, rgb & 0xff};
                double distance = Math.sqrt(Math.pow(c[0] - colour[0], 2) + Math.pow(c[1] - colour[1], 2) + Math.pow(c[2] - colour[2], 2));
                found |= distance < 90;
                seen.append(String.format(Locale.ROOT, " #%02x%02x%02x", c[0], c[1], c[2]));
            }
        }
        assertThat(found).as(what + " at (" + cx + ", " + cy + "):" + seen).isEqualTo(expected);
    }
}
