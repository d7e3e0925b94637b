package io.visionpipeline.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.TensorData;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * Writes small TF.js graph models in the real format ({@code model.json} + one weight shard), for
 * tests of the TF.js importer: ops, quantised weights, signatures, broken files.
 *
 * <pre>{@code
 * Path model = TinyTfjsModel.create()
 *         .placeholder("x", "DT_FLOAT", 1, 2)
 *         .constant("w", TensorData.floats(new long[] {2, 2}, 1, 2, 3, 4))
 *         .node("y", "MatMul", TinyTfjsModel.attrs(), "x", "w")
 *         .output("y")
 *         .write(dir);
 * }</pre>
 */
public final class TinyTfjsModel {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final ArrayNode nodes = JSON.arrayNode();
    private final ArrayNode weights = JSON.arrayNode();
    private final ObjectNode outputs = JSON.objectNode();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    private TinyTfjsModel() {
    }

    /** @return an empty graph model */
    public static TinyTfjsModel create() {
        return new TinyTfjsModel();
    }

    /** @return an empty attribute object, for the setters below */
    public static ObjectNode attrs() {
        return JSON.objectNode();
    }

    /** @return an integer attribute value */
    public static ObjectNode i(long value) {
        return JSON.objectNode().put("i", Long.toString(value));
    }

    /** @return a float attribute value */
    public static ObjectNode f(double value) {
        return JSON.objectNode().put("f", value);
    }

    /** @return a boolean attribute value */
    public static ObjectNode b(boolean value) {
        return JSON.objectNode().put("b", value);
    }

    /** @return a string attribute value (base64, as TF.js writes it) */
    public static ObjectNode s(String value) {
        return JSON.objectNode().put("s", Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8)));
    }

    /** @return a type attribute value, e.g. {@code DT_INT32} */
    public static ObjectNode type(String dtype) {
        return JSON.objectNode().put("type", dtype);
    }

    /** @return an integer-list attribute value */
    public static ObjectNode ints(long... values) {
        ObjectNode v = JSON.objectNode();
        ArrayNode list = v.putObject("list").putArray("i");
        for (long x : values) {
            list.add(Long.toString(x));
        }
        return v;
    }

    /** @return a string-list attribute value */
    public static ObjectNode strings(String... values) {
        ObjectNode v = JSON.objectNode();
        ArrayNode list = v.putObject("list").putArray("s");
        for (String x : values) {
            list.add(Base64.getEncoder().encodeToString(x.getBytes(StandardCharsets.UTF_8)));
        }
        return v;
    }

    /**
     * @param name  node name
     * @param dtype TensorFlow type, e.g. {@code DT_FLOAT}
     * @param shape dimensions, -1 for any size
     * @return this model
     */
    public TinyTfjsModel placeholder(String name, String dtype, long... shape) {
        ObjectNode attr = attrs();
        attr.set("dtype", type(dtype));
        ArrayNode dims = attr.putObject("shape").putObject("shape").putArray("dim");
        for (long d : shape) {
            dims.addObject().put("size", Long.toString(d));
        }
        nodes.addObject().put("name", name).put("op", "Placeholder").set("attr", attr);
        return this;
    }

    /**
     * A constant stored as plain float32/int32 weights.
     *
     * @param name  node name
     * @param value its value
     * @return this model
     */
    public TinyTfjsModel constant(String name, TensorData value) {
        constantNode(name, value.type() == OnnxDataType.FLOAT ? "DT_FLOAT" : "DT_INT32");
        ObjectNode spec = spec(name, value.shape(), value.type() == OnnxDataType.FLOAT ? "float32" : "int32");
        data.writeBytes(value.bytes());
        weights.add(spec);
        return this;
    }

    /**
     * A float constant stored float16-quantised (values must be exactly representable).
     *
     * @param name  node name
     * @param shape its shape
     * @param halfs the float16 bit patterns
     * @return this model
     */
    public TinyTfjsModel float16Constant(String name, long[] shape, short... halfs) {
        constantNode(name, "DT_FLOAT");
        ObjectNode spec = spec(name, shape, "float32");
        spec.putObject("quantization").put("dtype", "float16");
        ByteBuffer b = ByteBuffer.allocate(2 * halfs.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(halfs);
        data.writeBytes(b.array());
        weights.add(spec);
        return this;
    }

    /**
     * A constant stored uint8- or uint16-quantised: value = q × scale + min.
     *
     * @param name   node name
     * @param dtype  {@code float32} or {@code int32}
     * @param wide   uint16 instead of uint8
     * @param min    the quantisation minimum
     * @param scale  the quantisation step
     * @param shape  its shape
     * @param levels the quantised values
     * @return this model
     */
    public TinyTfjsModel quantizedConstant(String name, String dtype, boolean wide, double min, double scale, long[] shape, int... levels) {
        constantNode(name, dtype.equals("int32") ? "DT_INT32" : "DT_FLOAT");
        ObjectNode spec = spec(name, shape, dtype);
        spec.putObject("quantization").put("dtype", wide ? "uint16" : "uint8").put("min", min).put("scale", scale);
        ByteBuffer b = ByteBuffer.allocate((wide ? 2 : 1) * levels.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int q : levels) {
            if (wide) {
                b.putShort((short) q);
            } else {
                b.put((byte) q);
            }
        }
        data.writeBytes(b.array());
        weights.add(spec);
        return this;
    }

    /**
     * @param name   node name
     * @param op     TensorFlow op
     * @param attr   attributes (see the static helpers)
     * @param inputs input tensors ({@code node} or {@code node:1})
     * @return this model
     */
    public TinyTfjsModel node(String name, String op, ObjectNode attr, String... inputs) {
        ObjectNode n = nodes.addObject().put("name", name).put("op", op);
        ArrayNode in = n.putArray("input");
        List.of(inputs).forEach(in::add);
        n.set("attr", attr);
        return this;
    }

    /**
     * @param tensor a tensor to list as a signature output, keyed by its own name
     * @return this model
     */
    public TinyTfjsModel output(String tensor) {
        outputs.putObject(tensor).put("name", tensor);
        return this;
    }

    /**
     * Writes {@code model.json} and {@code weights.bin} into a folder.
     *
     * @param dir the folder
     * @return the model file
     */
    public Path write(Path dir) {
        ObjectNode root = JSON.objectNode().put("format", "graph-model").put("generatedBy", "test").put("convertedBy", "TinyTfjsModel");
        root.putObject("modelTopology").set("node", nodes);
        if (!outputs.isEmpty()) {
            root.putObject("signature").set("outputs", outputs);
        }
        ObjectNode group = root.putArray("weightsManifest").addObject();
        group.putArray("paths").add("weights.bin");
        group.set("weights", weights);
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve("weights.bin"), data.toByteArray());
            Path model = dir.resolve("model.json");
            new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(model.toFile(), root);
            return model;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void constantNode(String name, String dtype) {
        ObjectNode attr = attrs();
        attr.set("dtype", type(dtype));
        nodes.addObject().put("name", name).put("op", "Const").set("attr", attr);
    }

    private static ObjectNode spec(String name, long[] shape, String dtype) {
        ObjectNode spec = JSON.objectNode().put("name", name).put("dtype", dtype);
        ArrayNode dims = spec.putArray("shape");
        for (long d : shape) {
            dims.add(d);
        }
        return spec;
    }
}
