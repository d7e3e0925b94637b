package io.visionpipeline.redis.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.visionpipeline.core.report.ReportJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The queue's JSON (through the one mapper, {@link ReportJson#mapper()}) and script replies. */
final class Json {
    private Json() {
    }

    static byte[] write(Object value) {
        try {
            return ReportJson.mapper().writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write " + value.getClass().getSimpleName() + " as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * @throws IllegalArgumentException naming the type when the bytes are not such JSON
     */
    static <T> T read(byte[] json, Class<T> type) {
        try {
            return ReportJson.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    static byte[] bytes(Object value) {
        return String.valueOf(value).getBytes(StandardCharsets.UTF_8);
    }

    static String text(Object scriptValue) {
        return scriptValue instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(scriptValue);
    }

    static long number(Object scriptValue) {
        return scriptValue instanceof Number n ? n.longValue() : Long.parseLong(text(scriptValue));
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object scriptValue) {
        return (List<Object>) scriptValue;
    }
}
