package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The attributes of a TensorFlow node in the TF.js JSON form ({@code {"i": "2"}},
 * {@code {"s": base64}}, {@code {"list": {"i": [...]}}}, {@code {"type": "DT_FLOAT"}}, …), read
 * with typed getters. The Keras translation builds the same form with {@link #builder()}.
 */
final class TfAttrs {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final TfAttrs EMPTY = new TfAttrs(NODES.objectNode());

    private final JsonNode attrs;

    private TfAttrs(JsonNode attrs) {
        this.attrs = attrs;
    }

    static TfAttrs of(JsonNode attrs) {
        return attrs == null || !attrs.isObject() ? EMPTY : new TfAttrs(attrs);
    }

    static Builder builder() {
        return new Builder();
    }

    boolean has(String name) {
        return attrs.has(name);
    }

    long i(String name, long fallback) {
        JsonNode v = attrs.path(name).get("i");
        return v == null ? fallback : Long.parseLong(v.asText());
    }

    float f(String name, float fallback) {
        JsonNode v = attrs.path(name).get("f");
        return v == null ? fallback : Float.parseFloat(v.asText());
    }

    boolean b(String name, boolean fallback) {
        JsonNode v = attrs.path(name).get("b");
        return v == null ? fallback : v.asBoolean();
    }

    String s(String name, String fallback) {
        JsonNode v = attrs.path(name).get("s");
        return v == null ? fallback : decode(v.asText());
    }

    /** @return the type name, e.g. {@code DT_FLOAT}, or null */
    String type(String name) {
        JsonNode v = attrs.path(name).get("type");
        return v == null ? null : v.asText();
    }

    /** @return the integer list, or null when absent */
    long[] ints(String name) {
        JsonNode list = attrs.path(name).get("list");
        if (list == null) {
            return null;
        }
        JsonNode values = list.path("i");
        long[] out = new long[values.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Long.parseLong(values.get(k).asText());
        }
        return out;
    }

    /** @return the string list (empty when absent) */
    List<String> strings(String name) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : attrs.path(name).path("list").path("s")) {
            out.add(decode(v.asText()));
        }
        return out;
    }

    /** @return the shape's dimensions (-1 unknown), or null when absent or of unknown rank */
    long[] shape(String name) {
        JsonNode shape = attrs.path(name).get("shape");
        if (shape == null || shape.path("unknownRank").asBoolean(false)) {
            return null;
        }
        JsonNode dims = shape.path("dim");
        long[] out = new long[dims.size()];
        for (int k = 0; k < out.length; k++) {
            out[k] = Long.parseLong(dims.get(k).path("size").asText("-1"));
        }
        return out;
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    /** Builds attributes in the TF.js JSON form. */
    static final class Builder {
        private final ObjectNode attrs = NODES.objectNode();

        Builder i(String name, long value) {
            attrs.putObject(name).put("i", Long.toString(value));
            return this;
        }

        Builder f(String name, double value) {
            attrs.putObject(name).put("f", value);
            return this;
        }

        Builder b(String name, boolean value) {
            attrs.putObject(name).put("b", value);
            return this;
        }

        Builder s(String name, String value) {
            attrs.putObject(name).put("s", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
            return this;
        }

        Builder type(String name, String dtype) {
            attrs.putObject(name).put("type", dtype);
            return this;
        }

        Builder ints(String name, long... values) {
            ArrayNode list = attrs.putObject(name).putObject("list").putArray("i");
            for (long v : values) {
                list.add(Long.toString(v));
            }
            return this;
        }

        Builder strings(String name, String... values) {
            ArrayNode list = attrs.putObject(name).putObject("list").putArray("s");
            for (String v : values) {
                list.add(Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8)));
            }
            return this;
        }

        Builder shape(String name, long... dims) {
            ArrayNode list = attrs.putObject(name).putObject("shape").putArray("dim");
            for (long d : dims) {
                list.addObject().put("size", Long.toString(d));
            }
            return this;
        }

        TfAttrs build() {
            return new TfAttrs(attrs.deepCopy());
        }
    }
}
