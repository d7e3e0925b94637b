package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.TensorData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A TF.js model as stored: its model file ({@code model.json}, or a UMD {@code .js} module that
 * exports the same object, as nsfwjs ships it) and its weights, read from the shards the weights
 * manifest names (binary files, or {@code .js} modules exporting them as base64) and decoded
 * exactly as TF.js decodes them: float16 widened bit-exactly, uint8/uint16 de-quantised as
 * {@code (float) (q * scale + min)} in double precision, int32 quantised weights rounded.
 *
 * @param file    the model file
 * @param model   the model object (with {@code modelTopology} and {@code weightsManifest})
 * @param weights decoded weights by name
 */
record TfjsArtifacts(Path file, JsonNode model, Map<String, TensorData> weights) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param modelFile a {@code model.json} or {@code .js} model module; shards lie next to it
     * @return the model and its decoded weights
     * @throws TfjsImportException naming the file when a file is missing, malformed or truncated
     */
    static TfjsArtifacts read(Path modelFile) {
        JsonNode model = parseModelFile(modelFile);
        if (!model.path("modelTopology").isObject()) {
            throw new TfjsImportException("TF.js model file " + modelFile + " has no 'modelTopology' object: it is not a TF.js model");
        }
        JsonNode manifest = model.path("weightsManifest");
        if (!manifest.isMissingNode() && !manifest.isArray()) {
            throw new TfjsImportException("Malformed TF.js model file " + modelFile + ": 'weightsManifest' is not a list");
        }
        List<Shard> shards = new ArrayList<>();
        List<JsonNode> specs = new ArrayList<>();
        for (JsonNode group : manifest) {
            for (JsonNode path : group.path("paths")) {
                shards.add(readShard(modelFile, path.asText()));
            }
            group.path("weights").forEach(specs::add);
        }
        return new TfjsArtifacts(modelFile, model, decodeWeights(modelFile, specs, shards));
    }

    private static JsonNode parseModelFile(Path file) {
        String text = readText(file, "TF.js model file");
        String start = text.stripLeading();
        if (start.startsWith("{")) {
            try {
                return JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new TfjsImportException("Malformed TF.js model file " + file + " (truncated or not JSON): " + e.getOriginalMessage(), e);
            }
        }
        JsonNode value = JsLiteral.exportedValue(text, file.toString());
        if (!value.isObject()) {
            throw new TfjsImportException("TF.js model module " + file + " exports a " + value.getNodeType() + ", not a model object");
        }
        return value;
    }

    private static Shard readShard(Path modelFile, String path) {
        Path dir = modelFile.toAbsolutePath().getParent();
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir)) {
            throw new TfjsImportException("TF.js model file " + modelFile + " names a weight shard outside its folder: " + path);
        }
        for (String candidate : List.of(path, path + ".min.js", path + ".js")) {
            Path f = dir.resolve(candidate).normalize();
            if (Files.isRegularFile(f)) {
                return new Shard(f, f.getFileName().toString().endsWith(".js") ? moduleBytes(f) : readBytes(f));
            }
        }
        throw new TfjsImportException("Weight shard " + file + " of TF.js model " + modelFile.getFileName()
                + " does not exist (also looked for " + file.getFileName() + ".min.js and .js)");
    }

    private static byte[] moduleBytes(Path shard) {
        JsonNode value = JsLiteral.exportedValue(readText(shard, "weight shard"), shard.toString());
        if (!value.isTextual()) {
            throw new TfjsImportException("Weight shard module " + shard + " exports a " + value.getNodeType() + ", not a base64 string");
        }
        try {
            return Base64.getMimeDecoder().decode(value.asText());
        } catch (IllegalArgumentException e) {
            throw new TfjsImportException("Weight shard module " + shard + " does not hold valid base64: " + e.getMessage(), e);
        }
    }

    private static String readText(Path file, String what) {
        return new String(readBytes(file, what), StandardCharsets.UTF_8);
    }

    private static byte[] readBytes(Path file) {
        return readBytes(file, "weight shard");
    }

    private static byte[] readBytes(Path file, String what) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TfjsImportException(capitalised(what) + " " + file + " does not exist", e);
        } catch (IOException e) {
            throw new TfjsImportException("Cannot read " + what + " " + file + ": " + e.getMessage(), e);
        }
    }

    private static String capitalised(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private static Map<String, TensorData> decodeWeights(Path modelFile, List<JsonNode> specs, List<Shard> shards) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Shard s : shards) {
            all.writeBytes(s.bytes());
        }
        ByteBuffer data = ByteBuffer.wrap(all.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        Map<String, TensorData> weights = new LinkedHashMap<>();
        int offset = 0;
        for (JsonNode spec : specs) {
            String name = spec.path("name").asText(null);
            if (name == null) {
                throw new TfjsImportException("Malformed TF.js model file " + modelFile + ": a weight has no name: " + spec);
            }
            long[] shape = new long[spec.path("shape").size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = spec.path("shape").get(i).asLong(-1);
                if (shape[i] < 0) {
                    throw new TfjsImportException("Malformed TF.js model file " + modelFile + ": weight '" + name + "' has shape " + spec.path("shape"));
                }
            }
            String dtype = spec.path("dtype").asText("float32");
            JsonNode q = spec.get("quantization");
            int count = Math.toIntExact(product(shape));
            int bytes = Math.multiplyExact(count, q != null ? quantizedSize(modelFile, name, q) : plainSize(modelFile, name, dtype));
            if (offset + bytes > data.capacity()) {
                throw new TfjsImportException("The weights of TF.js model " + modelFile.getFileName() + " are truncated: weight '" + name
                        + "' needs bytes " + offset + "…" + (offset + bytes) + " but " + describe(shards) + " hold only "
                        + data.capacity() + " bytes (" + shards.get(shards.size() - 1).file() + " is too short?)");
            }
            ByteBuffer slice = data.slice(offset, bytes).order(ByteOrder.LITTLE_ENDIAN);
            weights.put(name, q != null ? dequantize(modelFile, name, dtype, shape, q, slice, count) : plain(dtype, shape, slice));
            offset += bytes;
        }
        return weights;
    }

    private static TensorData plain(String dtype, long[] shape, ByteBuffer bytes) {
        byte[] raw = new byte[bytes.remaining()];
        bytes.get(raw);
        return TensorData.of(switch (dtype) {
            case "float32" -> OnnxDataType.FLOAT;
            case "int32" -> OnnxDataType.INT32;
            default -> OnnxDataType.BOOL;
        }, shape, raw);
    }

    private static TensorData dequantize(Path modelFile, String name, String dtype, long[] shape, JsonNode q, ByteBuffer in, int count) {
        String qtype = q.path("dtype").asText();
        if (qtype.equals("float16")) {
            if (!dtype.equals("float32")) {
                throw new TfjsImportException("TF.js model " + modelFile + ": weight '" + name + "' is float16-quantised but of type " + dtype);
            }
            float[] values = new float[count];
            for (int i = 0; i < count; i++) {
                values[i] = Float16.toFloat(in.getShort(2 * i) & 0xFFFF);
            }
            return TensorData.floats(shape, values);
        }
        if (!q.has("min") || !q.has("scale")) {
            throw new TfjsImportException("TF.js model " + modelFile + ": weight '" + name + "' is " + qtype + "-quantised without min and scale");
        }
        double min = q.get("min").asDouble();
        double scale = q.get("scale").asDouble();
        boolean wide = qtype.equals("uint16");
        switch (dtype) {
            case "float32" -> {
                float[] values = new float[count];
                for (int i = 0; i < count; i++) {
                    int v = wide ? in.getShort(2 * i) & 0xFFFF : in.get(i) & 0xFF;
                    values[i] = (float) (v * scale + min);
                }
                return TensorData.floats(shape, values);
            }
            case "int32" -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    int v = wide ? in.getShort(2 * i) & 0xFFFF : in.get(i) & 0xFF;
                    values[i] = (int) Math.round(v * scale + min);
                }
                return TensorData.ints(shape, values);
            }
            default -> throw new TfjsImportException("TF.js model " + modelFile + ": weight '" + name + "' of type " + dtype
                    + " cannot be " + qtype + "-quantised");
        }
    }

    private static int quantizedSize(Path modelFile, String name, JsonNode q) {
        return switch (q.path("dtype").asText()) {
            case "uint8" -> 1;
            case "uint16", "float16" -> 2;
            default -> throw new TfjsImportException("TF.js model " + modelFile + ": weight '" + name
                    + "' uses quantisation " + q.path("dtype") + "; supported: uint8, uint16, float16");
        };
    }

    private static int plainSize(Path modelFile, String name, String dtype) {
        return switch (dtype) {
            case "float32", "int32" -> 4;
            case "bool" -> 1;
            default -> throw new TfjsImportException("TF.js model " + modelFile + ": weight '" + name + "' has type " + dtype
                    + "; supported: float32, int32, bool");
        };
    }

    private static long product(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static String describe(List<Shard> shards) {
        List<String> parts = new ArrayList<>();
        for (Shard s : shards) {
            parts.add(s.file().getFileName() + " (" + s.bytes().length + " bytes)");
        }
        return "the shards " + parts;
    }

    private record Shard(Path file, byte[] bytes) {
    }
}
