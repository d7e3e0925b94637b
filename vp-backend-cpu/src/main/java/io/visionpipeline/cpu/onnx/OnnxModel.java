package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.visionpipeline.core.events.InferenceEvent;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.stage.StageException;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Map;

/**
 * One ONNX Runtime session: loaded from a model file, run by any number of threads at once (ORT
 * sessions are thread-safe), closed deterministically.
 *
 * <pre>{@code
 * try (OnnxModel model = OnnxModel.load("blazeface-short", path, OnnxModel.Options.DEFAULT)) {
 *     try (OrtSession.Result out = model.run(Map.of("input:0", tensor))) { ... }
 * }
 * }</pre>
 */
public final class OnnxModel implements AutoCloseable {
    private final String name;
    private final OrtSession session;

    /**
     * Session settings. By default each session uses one intra-op thread: the executor runs
     * batches on its own threads, and ORT's thread pool on top of them would oversubscribe the cores.
     *
     * @param intraOpThreads threads ORT may use inside one run, at least 1
     */
    public record Options(int intraOpThreads) {
        /** One intra-op thread. */
        public static final Options DEFAULT = new Options(1);

        /** Validates the thread count. */
        public Options {
            if (intraOpThreads < 1) {
                throw new IllegalArgumentException("intraOpThreads must be >= 1: " + intraOpThreads);
            }
        }
    }

    private OnnxModel(String name, OrtSession session) {
        this.name = name;
        this.session = session;
    }

    /**
     * @param name    the model's id, for messages
     * @param file    the {@code .onnx} file
     * @param options session settings
     * @return the loaded model
     * @throws ModelUnavailableException naming the file when ONNX Runtime cannot load it
     */
    public static OnnxModel load(String name, Path file, Options options) {
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(options.intraOpThreads());
            so.setInterOpNumThreads(1);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setSessionLogLevel(ai.onnxruntime.OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            return new OnnxModel(name, OnnxRuntime.environment().createSession(file.toString(), so));
        } catch (OrtException e) {
            throw new ModelUnavailableException(name, "ONNX Runtime cannot load model '" + name + "' from " + file
                    + ": " + e.getMessage() + " (delete the file to have it fetched again)", e);
        }
    }

    /** @return the model's id */
    public String name() {
        return name;
    }

    /** @return the input names and shapes */
    public Map<String, NodeInfo> inputs() {
        try {
            return session.getInputInfo();
        } catch (OrtException e) {
            throw new StageException("Cannot read the inputs of model '" + name + "': " + e.getMessage(), e);
        }
    }

    /** @return the output names */
    public java.util.Set<String> outputs() {
        try {
            return session.getOutputInfo().keySet();
        } catch (OrtException e) {
            throw new StageException("Cannot read the outputs of model '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param input an input name
     * @return its shape as the model declares it (-1 for dynamic dimensions)
     */
    public long[] inputShape(String input) {
        NodeInfo info = inputs().get(input);
        if (info == null || !(info.getInfo() instanceof TensorInfo tensor)) {
            throw new StageException("Model '" + name + "' has no tensor input '" + input + "'; inputs: " + inputs().keySet());
        }
        return tensor.getShape();
    }

    /**
     * @param data  values, row-major
     * @param shape tensor shape
     * @return a tensor over the values; the caller closes it
     */
    public OnnxTensor tensor(float[] data, long[] shape) {
        try {
            return OnnxTensor.createTensor(OnnxRuntime.environment(), FloatBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new StageException("Cannot create an input tensor for '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param data  values, row-major
     * @param shape tensor shape
     * @return an int32 tensor over the values (models that take raw pixels as integers, such as
     *         MoveNet); the caller closes it
     */
    public OnnxTensor tensor(int[] data, long[] shape) {
        try {
            return OnnxTensor.createTensor(OnnxRuntime.environment(), IntBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new StageException("Cannot create an input tensor for '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param data  values, row-major
     * @param shape tensor shape
     * @return an int64 tensor over the values (token ids, masks); the caller closes it
     */
    public OnnxTensor tensor(long[] data, long[] shape) {
        try {
            return OnnxTensor.createTensor(OnnxRuntime.environment(), LongBuffer.wrap(data), shape);
        } catch (OrtException e) {
            throw new StageException("Cannot create an input tensor for '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param inputs tensors by input name
     * @return the outputs; the caller closes them
     * @throws StageException when inference fails
     */
    public OrtSession.Result run(Map<String, OnnxTensor> inputs) {
        InferenceEvent event = new InferenceEvent();
        event.begin();
        try {
            OrtSession.Result result = session.run(inputs);
            if (event.shouldCommit()) {
                event.model = name;
                event.commit();
            }
            return result;
        } catch (OrtException e) {
            throw new StageException("Inference with model '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Runs a model with a single float input, copied into a direct buffer this thread keeps (no
     * allocation per run, see {@link InputBuffers}).
     *
     * @param input  the input's name
     * @param values the input values, row-major
     * @param shape  the input's shape
     * @return the outputs; the caller closes them
     * @throws StageException when inference fails
     */
    public OrtSession.Result run(String input, float[] values, long[] shape) {
        return runKept(input, Float.BYTES * values.length,
                bytes -> OnnxTensor.createTensor(OnnxRuntime.environment(), bytes.asFloatBuffer().put(values).flip(), shape));
    }

    /**
     * Runs a model with a single int32 input (raw pixels, as MoveNet takes them), like {@link #run(String, float[], long[])}.
     *
     * @param input  the input's name
     * @param values the input values, row-major
     * @param shape  the input's shape
     * @return the outputs; the caller closes them
     * @throws StageException when inference fails
     */
    public OrtSession.Result run(String input, int[] values, long[] shape) {
        return runKept(input, Integer.BYTES * values.length,
                bytes -> OnnxTensor.createTensor(OnnxRuntime.environment(), bytes.asIntBuffer().put(values).flip(), shape));
    }

    /** Makes a tensor over part of this thread's kept buffer. */
    private interface KeptTensor {
        OnnxTensor over(ByteBuffer bytes) throws OrtException;
    }

    private OrtSession.Result runKept(String input, int bytes, KeptTensor tensor) {
        try (OnnxTensor t = tensor.over(InputBuffers.take(bytes))) {
            return run(Map.of(input, t));
        } catch (OrtException e) {
            throw new StageException("Cannot create an input tensor for '" + name + "': " + e.getMessage(), e);
        }
    }

    /**
     * @param result a run's outputs
     * @param output an output name
     * @return that output's values, flattened
     */
    public float[] floats(OrtSession.Result result, String output) {
        FloatBuffer buffer = buffer(result, output);
        if (buffer.hasArray() && buffer.arrayOffset() == 0 && buffer.position() == 0 && buffer.remaining() == buffer.array().length) {
            // ONNX Runtime already copied the output into a fresh heap buffer: its array is ours
            return buffer.array();
        }
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    /**
     * Copies an output into an array the caller reuses (e.g. a recurrent state fed back next run).
     *
     * @param result a run's outputs
     * @param output an output name
     * @param target receives the values; must have exactly the output's size
     */
    public void floatsInto(OrtSession.Result result, String output, float[] target) {
        FloatBuffer buffer = buffer(result, output);
        if (buffer.remaining() != target.length) {
            throw new StageException("Output '" + output + "' of model '" + name + "' has " + buffer.remaining()
                    + " values, not " + target.length);
        }
        buffer.get(target);
    }

    private FloatBuffer buffer(OrtSession.Result result, String output) {
        try {
            OnnxTensor tensor = (OnnxTensor) result.get(output)
                    .orElseThrow(() -> new StageException("Model '" + name + "' has no output '" + output + "'"));
            return tensor.getFloatBuffer();
        } catch (ClassCastException e) {
            throw new StageException("Output '" + output + "' of model '" + name + "' is not a float tensor", e);
        }
    }

    /**
     * One prepared run of a model with a single float input: what a stage's pre-processing
     * produced, ready to run again and again (to time inference alone, as the benchmarks'
     * baselines do).
     *
     * @param model  the model
     * @param input  the input's name
     * @param output the output to read
     * @param values the input values, row-major
     * @param shape  the input's shape
     */
    public record Call(OnnxModel model, String input, String output, float[] values, long[] shape) {

        /**
         * @return the output's values, flattened
         * @throws StageException when inference fails
         */
        public float[] run() {
            try (OrtSession.Result result = model.run(input, values, shape)) {
                return model.floats(result, output);
            }
        }
    }

    /**
     * @param input  the input's name
     * @param output the output to read
     * @param values the input values, row-major
     * @param shape  the input's shape
     * @return a prepared call of this model
     */
    public Call call(String input, String output, float[] values, long[] shape) {
        return new Call(this, input, output, values, shape);
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new StageException("Closing model '" + name + "' failed: " + e.getMessage(), e);
        }
    }
}
