package io.visionpipeline.cli;

import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static io.visionpipeline.cli.VpCommandTest.vp;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code vp faces enroll|list} and {@code vp analyze --gallery}, in a child JVM. */
@Timeout(300)
class FacesCommandTest {

    @Test
    void enrolsAPersonAndNamesTheirIdentityInAVideo(@TempDir Path dir) throws Exception {
        Path gallery = dir.resolve("people.vpi");
        VpCommandTest.Run enrol = vp("faces", "enroll", "Eileen Collins", TestMedia.skimage("astronaut.png").toString(),
                "--gallery", gallery.toString(), "--allow-downloads");
        assertThat(enrol.exitCode()).as(enrol.err()).isZero();
        assertThat(enrol.out()).contains("Enrolled 1 face(s) of Eileen Collins");
        assertThat(gallery).isRegularFile();

        VpCommandTest.Run list = vp("faces", "list", "--gallery", gallery.toString());
        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).contains("1 face(s) of 1 people").contains("  Eileen Collins");

        Path video = TestVideos.slideshow("faces-cli-astronaut-gap-astronaut.avi", 640, 480, 25, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(null, Duration.ofSeconds(3)),
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2))));
        VpCommandTest.Run analyze = vp("analyze", video.toString(), "--stages", "faces", "--gallery", gallery.toString(),
                "--no-progress", "--allow-downloads");
        assertThat(analyze.exitCode()).as(analyze.err()).isZero();
        assertThat(analyze.out()).contains("identities: 1").contains("face-1   Eileen Collins (")
                .contains("[0.00 s–1.00 s, 5.00 s–6.00 s]").contains("0.00 s  Eileen Collins ");
    }

    @Test
    void refusesACorruptedGalleryNamingIt(@TempDir Path dir) throws Exception {
        Path gallery = Files.write(dir.resolve("broken.vpi"), new byte[] {'V', 'P', 'I'});
        VpCommandTest.Run analyze = vp("analyze", TestMedia.skimage("astronaut.png").toString(), "--gallery", gallery.toString(),
                "--no-progress", "--allow-downloads");
        assertThat(analyze.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(analyze.err()).contains(gallery.toString());
    }
}
