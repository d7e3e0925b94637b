package io.visionpipeline.core.model.tfjs;

import com.fasterxml.jackson.databind.JsonNode;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.TensorData;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Translates a TF.js layers model (a Keras model: {@code modelTopology.model_config} with
 * functional or sequential layers) into the TensorFlow ops Keras itself runs, so it converts
 * exactly like a graph model: Conv2D becomes {@code Conv2D} + {@code BiasAdd} + activation,
 * BatchNormalization {@code FusedBatchNormV3}, Dense {@code MatMul} + {@code BiasAdd}, Flatten a
 * {@code Reshape} to {@code [batch, -1]}, Dropout nothing.
 */
final class LayersModelReader {
    private final TfjsArtifacts artifacts;
    private final String source;
    private final List<TfNode> nodes = new ArrayList<>();
    private final Map<String, TensorData> constants = new LinkedHashMap<>();
    private final Map<String, String> outputs = new HashMap<>();

    private LayersModelReader(TfjsArtifacts artifacts) {
        this.artifacts = artifacts;
        this.source = artifacts.file().getFileName().toString();
    }

    static TfGraph read(TfjsArtifacts artifacts) {
        return new LayersModelReader(artifacts).translate();
    }

    private TfGraph translate() {
        JsonNode topology = artifacts.model().path("modelTopology");
        JsonNode model = topology.has("model_config") ? topology.get("model_config") : topology;
        String cls = model.path("class_name").asText();
        JsonNode config = model.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        if (!layers.isArray() || layers.isEmpty()) {
            throw malformed("the model config has no layers");
        }
        List<TfGraph.Output> modelOutputs = new ArrayList<>();
        if (cls.equals("Sequential")) {
            String previous = null;
            for (JsonNode layer : layers) {
                if (previous == null && !layer.path("class_name").asText().equals("InputLayer")) {
                    previous = placeholder(layer.path("config").path("name").asText("input") + "_input", layer.path("config"));
                }
                previous = layer(layer, previous == null ? List.of() : List.of(previous));
            }
            String last = layers.get(layers.size() - 1).path("config").path("name").asText();
            modelOutputs.add(new TfGraph.Output(previous, last));
        } else if (cls.equals("Model") || cls.equals("Functional")) {
            for (JsonNode layer : layers) {
                layer(layer, inbound(layer));
            }
            for (JsonNode out : config.path("output_layers")) {
                String name = out.get(0).asText();
                modelOutputs.add(new TfGraph.Output(output(name), name));
            }
        } else {
            throw malformed("unknown model class '" + cls + "' (expected Sequential, Model or Functional)");
        }
        return new TfGraph(source, "layers", nodes, constants, modelOutputs);
    }

    private List<String> inbound(JsonNode layer) {
        JsonNode inbound = layer.path("inbound_nodes");
        if (inbound.isEmpty()) {
            return List.of();
        }
        if (inbound.size() > 1) {
            throw unsupported(layer, "a layer applied more than once (shared layers)");
        }
        List<String> inputs = new ArrayList<>();
        for (JsonNode ref : inbound.get(0)) {
            if (!ref.isArray() || ref.size() < 3) {
                throw unsupported(layer, "inbound nodes in the form " + ref + " (Keras 3 files are not supported)");
            }
            if (ref.get(1).asInt() != 0 || ref.get(2).asInt() != 0) {
                throw unsupported(layer, "inputs from a shared layer or a layer with several outputs: " + ref);
            }
            inputs.add(output(ref.get(0).asText()));
        }
        return inputs;
    }

    private String output(String layerName) {
        String ref = outputs.get(layerName);
        if (ref == null) {
            throw malformed("layer '" + layerName + "' is used before it is defined");
        }
        return ref;
    }

    private String layer(JsonNode layer, List<String> in) {
        String cls = layer.path("class_name").asText();
        JsonNode cfg = layer.path("config");
        String name = layer.has("name") ? layer.get("name").asText() : cfg.path("name").asText();
        if (!cfg.path("data_format").asText("channels_last").equals("channels_last")) {
            throw unsupported(layer, "data_format " + cfg.path("data_format").asText() + " (only channels_last)");
        }
        if (!cls.equals("InputLayer") && in.isEmpty()) {
            throw malformed("layer '" + name + "' has no input");
        }
        String out = switch (cls) {
            case "InputLayer" -> placeholder(name, cfg);
            case "Conv2D" -> convolution(layer, name, cfg, in.get(0), false);
            case "DepthwiseConv2D" -> convolution(layer, name, cfg, in.get(0), true);
            case "Dense" -> activation(layer, name, cfg.path("activation").asText("linear"), dense(layer, name, cfg, in.get(0)));
            case "BatchNormalization" -> batchNorm(layer, name, cfg, in.get(0));
            case "Activation" -> activation(layer, name, cfg.path("activation").asText(), in.get(0));
            case "ReLU" -> relu(layer, name, cfg, in.get(0));
            case "LeakyReLU" -> node(name, "LeakyRelu", List.of(in.get(0)), attrs().f("alpha", cfg.path("alpha").asDouble(0.3)));
            case "Softmax" -> softmax(layer, name, cfg, in.get(0));
            case "ZeroPadding2D" -> zeroPadding(layer, name, cfg, in.get(0));
            case "Add" -> in.size() == 1 ? in.get(0) : node(name, "AddN", in, attrs().i("N", in.size()));
            case "Multiply" -> product(name, in);
            case "Concatenate" -> node(name, "ConcatV2", append(in, intConstant(name + "/axis", cfg.path("axis").asInt(-1))),
                    attrs().i("N", in.size()));
            case "AveragePooling2D" -> pool(layer, name, cfg, in.get(0), "AvgPool");
            case "MaxPooling2D" -> pool(layer, name, cfg, in.get(0), "MaxPool");
            case "GlobalAveragePooling2D" -> node(name, "Mean", List.of(in.get(0), intVector(name + "/axes", 1, 2)), attrs().b("keep_dims", false));
            case "GlobalMaxPooling2D" -> node(name, "Max", List.of(in.get(0), intVector(name + "/axes", 1, 2)), attrs().b("keep_dims", false));
            case "Flatten" -> reshapeKeepingBatch(name, in.get(0), -1);
            case "Reshape" -> reshapeKeepingBatch(name, in.get(0), longs(cfg.path("target_shape")));
            case "Dropout", "SpatialDropout2D", "GaussianNoise", "GaussianDropout", "AlphaDropout", "ActivityRegularization" -> in.get(0);
            default -> throw unsupported(layer, "layer class " + cls + " (supported: InputLayer, Conv2D, DepthwiseConv2D, Dense, "
                    + "BatchNormalization, Activation, ReLU, LeakyReLU, Softmax, ZeroPadding2D, Add, Multiply, Concatenate, "
                    + "AveragePooling2D, MaxPooling2D, GlobalAveragePooling2D, GlobalMaxPooling2D, Flatten, Reshape, Dropout)");
        };
        outputs.put(name, out);
        return out;
    }

    private String placeholder(String name, JsonNode cfg) {
        JsonNode shape = cfg.has("batch_input_shape") ? cfg.get("batch_input_shape") : cfg.path("batch_shape");
        if (!shape.isArray()) {
            throw malformed("input '" + name + "' has no batch_input_shape");
        }
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).isNull() ? -1 : shape.get(i).asLong();
        }
        String dtype = "DT_" + cfg.path("dtype").asText("float32").replace("float32", "float").toUpperCase(Locale.ROOT);
        return node(name, "Placeholder", List.of(), attrs().type("dtype", dtype).shape("shape", dims));
    }

    private String convolution(JsonNode layer, String name, JsonNode cfg, String x, boolean depthwise) {
        long[] strides = pair(layer, cfg.path("strides"));
        long[] dilation = pair(layer, cfg.path("dilation_rate"));
        String kernel = weight(layer, name, depthwise ? "depthwise_kernel" : "kernel");
        String y = node(name + "/" + (depthwise ? "depthwise" : "Conv2D"), depthwise ? "DepthwiseConv2dNative" : "Conv2D",
                List.of(x, kernel), attrs().ints("strides", 1, strides[0], strides[1], 1).ints("dilations", 1, dilation[0], dilation[1], 1)
                        .s("padding", cfg.path("padding").asText("valid").toUpperCase(Locale.ROOT)));
        if (cfg.path("use_bias").asBoolean(true)) {
            y = node(name + "/BiasAdd", "BiasAdd", List.of(y, weight(layer, name, "bias")), attrs());
        }
        return activation(layer, name, cfg.path("activation").asText("linear"), y);
    }

    private String dense(JsonNode layer, String name, JsonNode cfg, String x) {
        String y = node(name + "/MatMul", "MatMul", List.of(x, weight(layer, name, "kernel")), attrs());
        if (cfg.path("use_bias").asBoolean(true)) {
            y = node(name + "/BiasAdd", "BiasAdd", List.of(y, weight(layer, name, "bias")), attrs());
        }
        return y;
    }

    private String batchNorm(JsonNode layer, String name, JsonNode cfg, String x) {
        JsonNode axis = cfg.path("axis");
        int a = axis.isArray() && axis.size() == 1 ? axis.get(0).asInt() : axis.asInt(-1);
        if (a != -1 && a != 3) {
            throw unsupported(layer, "batch normalisation over axis " + axis + " (only the channel axis, -1 or 3)");
        }
        TensorData mean = weightValue(layer, name, "moving_mean");
        long channels = mean.shape()[0];
        String gamma = cfg.path("scale").asBoolean(true) ? weight(layer, name, "gamma") : filled(name + "/gamma", channels, 1f);
        String beta = cfg.path("center").asBoolean(true) ? weight(layer, name, "beta") : filled(name + "/beta", channels, 0f);
        return node(name + "/FusedBatchNormV3", "FusedBatchNormV3",
                List.of(x, gamma, beta, weight(layer, name, "moving_mean"), weight(layer, name, "moving_variance")),
                attrs().f("epsilon", cfg.path("epsilon").asDouble(0.001)).b("is_training", false));
    }

    private String activation(JsonNode layer, String name, String activation, String x) {
        String op = switch (activation) {
            case "linear" -> null;
            case "relu" -> "Relu";
            case "relu6" -> "Relu6";
            case "sigmoid" -> "Sigmoid";
            case "tanh" -> "Tanh";
            case "softmax" -> "Softmax";
            case "elu" -> "Elu";
            case "softplus" -> "Softplus";
            default -> throw unsupported(layer, "activation '" + activation + "'");
        };
        return op == null ? x : node(name + "/" + op, op, List.of(x), attrs());
    }

    private String relu(JsonNode layer, String name, JsonNode cfg, String x) {
        if (cfg.path("negative_slope").asDouble(0) != 0 || cfg.path("threshold").asDouble(0) != 0) {
            throw unsupported(layer, "ReLU with a negative slope or threshold");
        }
        JsonNode max = cfg.path("max_value");
        if (max.isMissingNode() || max.isNull()) {
            return node(name, "Relu", List.of(x), attrs());
        }
        if (max.asDouble() == 6) {
            return node(name, "Relu6", List.of(x), attrs());
        }
        String relu = node(name + "/Relu", "Relu", List.of(x), attrs());
        return node(name, "Minimum", List.of(relu, floatConstant(name + "/max", (float) max.asDouble())), attrs());
    }

    private String softmax(JsonNode layer, String name, JsonNode cfg, String x) {
        JsonNode axis = cfg.path("axis");
        if (!axis.isMissingNode() && axis.asInt(-1) != -1) {
            throw unsupported(layer, "softmax over axis " + axis + " (only the last axis)");
        }
        return node(name, "Softmax", List.of(x), attrs());
    }

    private String zeroPadding(JsonNode layer, String name, JsonNode cfg, String x) {
        JsonNode p = cfg.path("padding");
        long[] hw;
        if (p.isInt()) {
            hw = new long[] {p.asLong(), p.asLong(), p.asLong(), p.asLong()};
        } else if (p.isArray() && p.size() == 2 && p.get(0).isArray()) {
            hw = new long[] {p.get(0).get(0).asLong(), p.get(0).get(1).asLong(), p.get(1).get(0).asLong(), p.get(1).get(1).asLong()};
        } else if (p.isArray() && p.size() == 2) {
            hw = new long[] {p.get(0).asLong(), p.get(0).asLong(), p.get(1).asLong(), p.get(1).asLong()};
        } else {
            throw unsupported(layer, "padding " + p);
        }
        String paddings = constant(name + "/paddings", TensorData.ints(new long[] {4, 2}, 0, 0, (int) hw[0], (int) hw[1], (int) hw[2], (int) hw[3], 0, 0));
        return node(name, "Pad", List.of(x, paddings), attrs());
    }

    private String pool(JsonNode layer, String name, JsonNode cfg, String x, String op) {
        long[] window = pair(layer, cfg.path("pool_size"));
        JsonNode stridesNode = cfg.path("strides");
        long[] strides = stridesNode.isNull() || stridesNode.isMissingNode() ? window : pair(layer, stridesNode);
        return node(name, op, List.of(x), attrs().ints("ksize", 1, window[0], window[1], 1).ints("strides", 1, strides[0], strides[1], 1)
                .s("padding", cfg.path("padding").asText("valid").toUpperCase(Locale.ROOT)));
    }

    private String product(String name, List<String> in) {
        String y = in.get(0);
        for (int i = 1; i < in.size(); i++) {
            y = node(name + (i == in.size() - 1 ? "" : "/mul_" + i), "Mul", List.of(y, in.get(i)), attrs());
        }
        return y;
    }

    /** Reshapes to {@code [batch, dims…]}, the batch size read from the tensor at run time, as Keras does. */
    private String reshapeKeepingBatch(String name, String x, long... dims) {
        String shape = node(name + "/Shape", "Shape", List.of(x), attrs().type("out_type", "DT_INT32"));
        String batch = node(name + "/batch", "StridedSlice", List.of(shape, intVector(name + "/begin", 0),
                intVector(name + "/end", 1), intVector(name + "/strides", 1)), attrs().i("shrink_axis_mask", 1));
        List<String> parts = new ArrayList<>(List.of(batch));
        for (int i = 0; i < dims.length; i++) {
            parts.add(intConstant(name + "/dim_" + i, dims[i]));
        }
        String target = node(name + "/target", "Pack", parts, attrs().i("N", parts.size()).i("axis", 0));
        return node(name, "Reshape", List.of(x, target), attrs());
    }

    // ---- nodes and constants

    private String node(String name, String op, List<String> inputs, TfAttrs.Builder attrs) {
        nodes.add(new TfNode(name, op, inputs, attrs.build()));
        return name + ":0";
    }

    private static TfAttrs.Builder attrs() {
        return TfAttrs.builder();
    }

    private String constant(String name, TensorData value) {
        constants.put(name, value);
        String dtype = value.type() == OnnxDataType.FLOAT ? "DT_FLOAT" : "DT_INT32";
        return node(name, "Const", List.of(), attrs().type("dtype", dtype));
    }

    private String intConstant(String name, long value) {
        return constant(name, TensorData.ints(new long[0], Math.toIntExact(value)));
    }

    private String intVector(String name, long... values) {
        return constant(name, TensorData.ints(new long[] {values.length}, Arrays.stream(values).mapToInt(Math::toIntExact).toArray()));
    }

    private String floatConstant(String name, float value) {
        return constant(name, TensorData.scalar(value));
    }

    private String filled(String name, long count, float value) {
        float[] values = new float[Math.toIntExact(count)];
        Arrays.fill(values, value);
        return constant(name, TensorData.floats(new long[] {count}, values));
    }

    private String weight(JsonNode layer, String layerName, String weightName) {
        String name = layerName + "/" + weightName;
        if (!constants.containsKey(name)) {
            constant(name, weightValue(layer, layerName, weightName));
        }
        return name + ":0";
    }

    private TensorData weightValue(JsonNode layer, String layerName, String weightName) {
        String wanted = layerName + "/" + weightName;
        Map<String, TensorData> weights = artifacts.weights();
        for (String candidate : List.of(wanted, wanted + ":0")) {
            if (weights.containsKey(candidate)) {
                return weights.get(candidate);
            }
        }
        List<String> matches = weights.keySet().stream()
                .filter(k -> k.endsWith("/" + wanted) || k.endsWith("/" + wanted + ":0")).toList();
        if (matches.size() == 1) {
            return weights.get(matches.get(0));
        }
        throw new TfjsImportException("TF.js layers model " + artifacts.file() + ": layer '" + layerName + "' ("
                + layer.path("class_name").asText("layer") + ") needs weight '" + wanted + "', which the weights manifest "
                + (matches.isEmpty() ? "does not have" : "has more than once: " + matches));
    }

    private long[] pair(JsonNode layer, JsonNode value) {
        if (value.isInt()) {
            return new long[] {value.asLong(), value.asLong()};
        }
        if (value.isArray() && value.size() == 2) {
            return new long[] {value.get(0).asLong(), value.get(1).asLong()};
        }
        if (value.isMissingNode() || value.isNull()) {
            return new long[] {1, 1};
        }
        throw unsupported(layer, "a 2-D window or stride written as " + value);
    }

    private static long[] longs(JsonNode array) {
        long[] out = new long[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asLong();
        }
        return out;
    }

    private static List<String> append(List<String> list, String last) {
        List<String> out = new ArrayList<>(list);
        out.add(last);
        return out;
    }

    private TfjsImportException malformed(String problem) {
        return new TfjsImportException("Malformed TF.js layers model " + artifacts.file() + ": " + problem);
    }

    private TfjsImportException unsupported(JsonNode layer, String what) {
        String name = layer.has("name") ? layer.get("name").asText() : layer.path("config").path("name").asText("?");
        return new TfjsImportException("Unsupported " + what + " in layer '" + name + "' (" + layer.path("class_name").asText()
                + ") of TF.js layers model " + artifacts.file());
    }
}
