package io.visionpipeline.core.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.face.FaceThumbnail;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.speech.Transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The one JSON mapping of VisionPipeline's records: reports, and the pipeline specs and jobs that
 * travel to remote workers. Durations are written as seconds, instants as ISO-8601 text, frame
 * sampling in its {@link FrameSampling#text()} form, face thumbnails as base64 JPEG; empty values (and an empty transcript) are left
 * out; unknown fields are ignored on reading so older readers accept newer reports of the same
 * schema version.
 *
 * <pre>{@code
 * ReportJson.write(report, Path.of("talk.report.json"));
 * MediaReport again = ReportJson.read(Path.of("talk.report.json"));
 * }</pre>
 */
public final class ReportJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .addModule(new SimpleModule("visionpipeline")
                    .addSerializer(FrameSampling.class, new SamplingSerializer())
                    .addDeserializer(FrameSampling.class, new SamplingDeserializer())
                    .addSerializer(FaceThumbnail.class, new ThumbnailSerializer())
                    .addDeserializer(FaceThumbnail.class, new ThumbnailDeserializer()))
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_EMPTY)
            .withConfigOverride(Transcript.class, o -> o.setIncludeAsProperty(JsonInclude.Value.construct(
                    JsonInclude.Include.CUSTOM, JsonInclude.Include.USE_DEFAULTS, EmptyTranscript.class, null)))
            .build();

    private ReportJson() {
    }

    /** @return the shared, configured mapper (thread-safe; do not reconfigure) */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * @param report a report
     * @return it as indented JSON
     */
    public static String toJson(MediaReport report) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(report);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param json a report's JSON
     * @return the report
     * @throws VisionPipelineException when the JSON is not a report this version can read
     */
    public static MediaReport fromJson(String json) {
        try {
            return checkVersion(MAPPER.readValue(json, MediaReport.class), "the JSON");
        } catch (IOException e) {
            throw new VisionPipelineException("Not a VisionPipeline report: " + e.getMessage(), e);
        }
    }

    /**
     * Writes a report atomically (a reader never sees half a file).
     *
     * @param report a report
     * @param file   where to write it
     * @throws VisionPipelineException naming the file when it cannot be written
     */
    public static void write(MediaReport report, Path file) {
        Path parent = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path part = Files.createTempFile(parent, file.getFileName().toString(), ".part");
            try {
                MAPPER.writerWithDefaultPrettyPrinter().writeValue(part.toFile(), report);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(part);
            }
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot write report " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * @param file a report file
     * @return the report
     * @throws VisionPipelineException naming the file when it is missing or not a readable report
     */
    public static MediaReport read(Path file) {
        try {
            return checkVersion(MAPPER.readValue(file.toFile(), MediaReport.class), file.toString());
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot read report " + file + ": " + e.getMessage(), e);
        }
    }

    private static MediaReport checkVersion(MediaReport report, String where) {
        if (report.schemaVersion() > MediaReport.SCHEMA_VERSION) {
            throw new VisionPipelineException("Report " + where + " has schema version " + report.schemaVersion()
                    + "; this VisionPipeline reads up to " + MediaReport.SCHEMA_VERSION + ": upgrade it");
        }
        return report;
    }

    /** Jackson's custom inclusion filter: {@code equals} says which values to leave out. */
    private static final class EmptyTranscript {
        @Override
        public boolean equals(Object value) {
            return value == null || value instanceof Transcript t && t.isEmpty() && t.language().isEmpty();
        }

        @Override
        public int hashCode() {
            return 0;
        }
    }

    private static final class SamplingSerializer extends JsonSerializer<FrameSampling> {
        @Override
        public void serialize(FrameSampling value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeString(value.text());
        }
    }

    private static final class SamplingDeserializer extends JsonDeserializer<FrameSampling> {
        @Override
        public FrameSampling deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            try {
                return FrameSampling.parse(p.getValueAsString());
            } catch (IllegalArgumentException e) {
                return (FrameSampling) ctxt.handleWeirdStringValue(FrameSampling.class, p.getValueAsString(), e.getMessage());
            }
        }
    }

    /** A thumbnail as its JPEG in base64, as byte arrays are written. */
    private static final class ThumbnailSerializer extends JsonSerializer<FaceThumbnail> {
        @Override
        public void serialize(FaceThumbnail value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
            gen.writeBinary(value.jpeg());
        }
    }

    private static final class ThumbnailDeserializer extends JsonDeserializer<FaceThumbnail> {
        @Override
        public FaceThumbnail deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return FaceThumbnail.ofJpeg(p.getBinaryValue());
        }
    }
}
