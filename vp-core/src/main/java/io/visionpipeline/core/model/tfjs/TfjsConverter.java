package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.OnnxGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Converts TensorFlow.js models to ONNX models that ONNX Runtime runs, in pure Java: graph models
 * ({@code model.json} + weight shards) and layers (Keras) models, also in the UMD {@code .js} form
 * nsfwjs ships. Weights are de-quantised exactly as TF.js does it; fused TensorFlow ops map to
 * the same ONNX arithmetic; the NHWC layout is kept at the model's inputs and outputs with
 * transposes only around convolution chains. The same model file always gives the same bytes, so
 * a converted model can be pinned by its SHA-256.
 *
 * <pre>{@code
 * // model.json and its shards (movenet-lightning.bin …) in one folder
 * OnnxGraph graph = TfjsConverter.toOnnx(Path.of("models/movenet-lightning.json"));
 * Files.write(Path.of("movenet-lightning.onnx"), graph.toModelBytes());
 * }</pre>
 *
 * The ONNX model's inputs are named after the TF.js placeholders ({@code input}); its outputs as
 * TF.js names them ({@code GraphModel.outputNodes} without a {@code :0} suffix, e.g.
 * {@code Identity} or {@code output_0}; a layers model's outputs after their layers). Models normally come converted through the model
 * store, whose catalog entries name this converter ({@code "convert": "tfjs"}); see
 * {@code docs/tfjs-import.md}.
 *
 * @since 0.1
 */
public final class TfjsConverter {
    private static final Logger LOG = LoggerFactory.getLogger(TfjsConverter.class);
    private static final Map<String, OpConverter> OPS;

    static {
        Map<String, OpConverter> ops = new HashMap<>();
        NnOps.register(ops);
        MathOps.register(ops);
        ArrayOps.register(ops);
        OPS = Collections.unmodifiableMap(ops);
    }

    private TfjsConverter() {
    }

    /**
     * @param modelFile a TF.js {@code model.json} (or {@code .js} model module), its weight shards
     *                  in the same folder
     * @return the ONNX graph
     * @throws TfjsImportException naming the file when a file is missing, malformed or truncated,
     *                             or naming the op and node the importer does not support
     */
    public static OnnxGraph toOnnx(Path modelFile) {
        long start = System.nanoTime();
        try {
            TfjsArtifacts artifacts = TfjsArtifacts.read(modelFile);
            TfGraph tf = artifacts.model().path("modelTopology").has("node")
                    ? GraphModelReader.read(artifacts) : LayersModelReader.read(artifacts);
            OnnxGraph graph = Conversion.convert(tf, OPS);
            LOG.debug("Converted TF.js {} model {} to ONNX ({} TF nodes -> {}) in {} ms", tf.kind(), modelFile.getFileName(),
                    tf.nodes().size(), graph.opCounts(), (System.nanoTime() - start) / 1_000_000);
            return graph;
        } catch (TfjsImportException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TfjsImportException("Cannot import TF.js model " + modelFile + ": " + e, e);
        }
    }

    /**
     * @param modelFile a TF.js model file, its weight shards in the same folder
     * @param out       where to write the ONNX model
     * @throws IOException         when writing fails
     * @throws TfjsImportException when the model cannot be converted
     */
    public static void convert(Path modelFile, OutputStream out) throws IOException {
        toOnnx(modelFile).writeTo(out);
    }

    /** @return the TensorFlow ops the importer converts */
    public static Set<String> supportedOps() {
        return Collections.unmodifiableSet(new TreeSet<>(OPS.keySet()));
    }
}
