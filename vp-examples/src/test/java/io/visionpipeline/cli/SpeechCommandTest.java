package io.visionpipeline.cli;

import io.visionpipeline.core.report.ReportJson;
import io.visionpipeline.cpu.whisper.TestModels;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestSpeech;
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

/** {@code vp analyze --stages speech}, run in a child JVM with the generated tiny Whisper model. */
@Timeout(240)
class SpeechCommandTest {

    private static Path talkVideo() {
        TestSpeech.Utterances speech = TestSpeech.utterances("cli-speech.wav", Duration.ofSeconds(1), Duration.ofSeconds(2),
                "The command line prints what is said.", "And when it is said.");
        return TestVideos.slideshow("cli-astronaut-speech.mp4", 320, 240, 10, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(8))), speech.wav());
    }

    @Test
    void printsTheTranscriptWithTimestampsAndWritesReportAndSubtitles(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("talk.json");
        Path srt = dir.resolve("talk.srt");
        Path vtt = dir.resolve("subs/talk.vtt");
        VpCommandTest.Run run = vp("analyze", talkVideo().toString(), "--stages", "faces,speech",
                "--whisper-model", TestModels.tinyWhisper().toString(), "-O", "speech.temperatureFallback=false",
                "--out", report.toString(), "--srt", srt.toString(), "--vtt", vtt.toString(), "--no-progress");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("faces (blazeface-short").contains("speech (ggml-tiny-random")
                .containsPattern("segment\\(s\\), language [a-z]{2,3}")
                .containsPattern("\\[00:00:0\\d\\.\\d{3} -> 00:00:\\d\\d\\.\\d{3}] \\S");
        MediaReport parsed = ReportJson.read(report);
        assertThat(parsed.transcript().segments()).isNotEmpty();
        assertThat(Files.readString(srt)).startsWith("1\n00:00:0").contains(" --> ");
        assertThat(Files.readString(vtt)).startsWith("WEBVTT\n\n1\n00:00:0");
    }

    @Test
    void aBadWhisperModelIsAOneLineErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Path fake = Files.writeString(dir.resolve("ggml-base.bin"), "not a model");
        VpCommandTest.Run run = vp("analyze", TestMedia.skimage("coffee.png").toString(), "--stages", "speech",
                "--whisper-model", fake.toString(), "--no-progress");
        assertThat(run.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(run.err()).startsWith("vp: Cannot use " + fake + " as Whisper model 'ggml-base.bin'");
        assertThat(run.err().lines().filter(l -> !l.isBlank())).hasSize(1);
    }

    @Test
    void aMissingNamedModelSaysHowToFetchIt(@TempDir Path dir) throws Exception {
        VpCommandTest.Run run = vp("analyze", TestMedia.skimage("coffee.png").toString(), "--stages", "speech",
                "--whisper-model", "small.en-q5_1", "-O", "speech.models.dir=" + dir, "--no-progress");
        assertThat(run.exitCode()).isEqualTo(VpCommand.FAILED);
        assertThat(run.err()).contains("whisper-small.en-q5_1").contains("vp models fetch whisper-small.en-q5_1")
                .contains("https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-small.en-q5_1.bin");
    }
}
