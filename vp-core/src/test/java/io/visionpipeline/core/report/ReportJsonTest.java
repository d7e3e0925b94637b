package io.visionpipeline.core.report;

import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.executor.PipelineSpec;
import io.visionpipeline.face.Face;
import io.visionpipeline.face.FaceEmbedding;
import io.visionpipeline.face.FaceLandmarks;
import io.visionpipeline.face.FaceThumbnail;
import io.visionpipeline.geometry.BoundingBox;
import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.report.StageRun;
import io.visionpipeline.report.StageStats;
import io.visionpipeline.report.Timings;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.speech.TranscriptToken;
import io.visionpipeline.stage.StageSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReportJsonTest {

    static MediaReport sampleReport() {
        MediaInfo media = new MediaInfo("clip.mp4", MediaKind.VIDEO, "mov,mp4", Duration.ofSeconds(12), 1280, 720, 25, 300, "h264", "aac");
        Point p = new Point(10, 20);
        Face face = new Face(new BoundingBox(100, 50, 80, 90.5), 0.93, new FaceLandmarks(p, p, p, p, p, p));
        return MediaReport.builder(media).sampling("1s")
                .addStage(new StageRun("faces", "blazeface", "blazeface-short", Map.of("model", "short")))
                .addFrame(FrameResult.builder(0, Duration.ZERO).faces(List.of(face)).build())
                .addFrame(FrameResult.builder(25, Duration.ofMillis(1000)).build())
                .transcript(new Transcript("en", List.of(new TranscriptSegment(Duration.ofMillis(320), Duration.ofMillis(2100),
                        " And so my fellow Americans", 0.91, List.of(new TranscriptToken(" And", Duration.ofMillis(320),
                        Duration.ofMillis(480), 0.87))))))
                .addWarning("decoding ended early")
                .timings(new Timings(Duration.ofMillis(1500), Duration.ofMillis(300), List.of(new StageStats("faces", 2, 1, Duration.ofMillis(40)))))
                .build();
    }

    @Test
    void roundTripsAReportThroughAFile(@TempDir Path dir) {
        MediaReport report = sampleReport();
        Path file = dir.resolve("out/clip.report.json");
        ReportJson.write(report, file);
        assertThat(ReportJson.read(file)).isEqualTo(report);
    }

    @Test
    void writesSchemaVersionSecondsAndIsoTimes() {
        String json = ReportJson.toJson(sampleReport());
        assertThat(json).contains("\"schemaVersion\" : 1");
        assertThat(json).contains("\"timestamp\" : 1.000000000");
        assertThat(json).containsPattern("\"createdAt\" : \"\\d{4}-\\d\\d-\\d\\dT");
    }

    @Test
    void leavesAnEmptyTranscriptOutAndReadsItsAbsenceBackAsEmpty() {
        MediaReport noSpeech = MediaReport.builder(sampleReport().media()).sampling("1s").build();
        String json = ReportJson.toJson(noSpeech);
        assertThat(json).doesNotContain("transcript");
        assertThat(ReportJson.fromJson(json).transcript()).isEqualTo(Transcript.EMPTY);
        assertThat(ReportJson.toJson(sampleReport())).contains("\"transcript\"").contains("\"start\" : 0.320000000");
    }

    @Test
    void refusesAReportFromANewerSchema() {
        String json = ReportJson.toJson(sampleReport()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 99");
        assertThatThrownBy(() -> ReportJson.fromJson(json)).isInstanceOf(VisionPipelineException.class).hasMessageContaining("upgrade");
    }

    @Test
    void aCorruptReportFileIsAClearError(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("broken.json"), "{\"schemaVersion\": 1, \"media\": ");
        assertThatThrownBy(() -> ReportJson.read(file)).isInstanceOf(VisionPipelineException.class).hasMessageContaining(file.toString());
    }

    @Test
    void roundTripsAPipelineSpecWithItsSampling() throws IOException {
        PipelineSpec spec = new PipelineSpec(FrameSampling.parse("scene:0.25,gap=2s"), List.of(new StageSpec("faces", "blazeface", Map.of("model", "full"))));
        String json = ReportJson.mapper().writeValueAsString(spec);
        assertThat(json).contains("\"sampling\":\"scene:0.25,gap=2s\"");
        assertThat(ReportJson.mapper().readValue(json, PipelineSpec.class)).isEqualTo(spec);
    }

    @Test
    void writesAFaceThumbnailAsBase64JpegEncodingItThenAndReadsItBack() throws IOException {
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, 1, 2, 3, (byte) 0xFF, (byte) 0xD9};
        int[] encoded = {0};
        FaceEmbedding embedding = new FaceEmbedding(new float[] {0.6f, 0.8f}, 0.5, FaceThumbnail.encodedWhenAsked(() -> {
            encoded[0]++;
            return jpeg;
        }));
        String json = ReportJson.mapper().writeValueAsString(embedding);
        assertThat(encoded[0]).isEqualTo(1);
        assertThat(json).contains("\"thumbnail\":\"" + java.util.Base64.getEncoder().encodeToString(jpeg) + "\"");
        FaceEmbedding again = ReportJson.mapper().readValue(json, FaceEmbedding.class);
        assertThat(again.thumbnail().jpeg()).isEqualTo(jpeg);
        assertThat(again.vector()).containsExactly(0.6f, 0.8f);
    }
}
