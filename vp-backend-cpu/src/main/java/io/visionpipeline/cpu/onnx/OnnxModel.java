package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import io.visionpipeline.core.events.InferenceEvent;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.stage.StageException;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.Arrays;
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
    /** Outputs each thread keeps, where the model's outputs have fixed shapes; else null. */
    private final OutputBuffers keptOutputs;

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

    private OnnxModel(String name, OrtSession session) throws OrtException {
        this.name = name;
        this.session = session;
        this.keptOutputs = OutputBuffers.of(name, session.getOutputInfo());
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
            OrtSession session = OnnxRuntime.environment().createSession(file.toString(), so);
            try {
                return new OnnxModel(name, session);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
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
        return run(inputs, Map.of());
    }

    /** Runs with the outputs ONNX Runtime allocates, or into the tensors given (a subset of the outputs). */
    private OrtSession.Result run(Map<String, OnnxTensor> inputs, Map<String, OnnxTensor> outputsInto) {
        InferenceEvent event = new InferenceEvent();
        event.begin();
        try {
            OrtSession.Result result = outputsInto.isEmpty() ? session.run(inputs) : session.run(inputs, outputsInto);
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
     * @param values the input values, row-major: the first as many as the shape holds (a caller
     *               may pack into an array it keeps, larger than this run's input)
     * @param shape  the input's shape
     * @return the outputs; the caller closes them
     * @throws StageException when inference fails
     * @throws IllegalArgumentException when {@code values} holds fewer values than the shape
     */
    public OrtSession.Result run(String input, float[] values, long[] shape) {
        int count = elements(shape, values.length);
        try (OnnxTensor t = floatTensor(values, count, shape)) {
            return run(Map.of(input, t));
        }
    }

    /** A tensor over this thread's kept direct buffer, holding the first {@code count} values. */
    private OnnxTensor floatTensor(float[] values, int count, long[] shape) {
        try {
            return OnnxTensor.createTensor(OnnxRuntime.environment(), InputBuffers.take(Float.BYTES * count).asFloatBuffer().put(values, 0, count).flip(), shape);
        } catch (OrtException e) {
            throw new StageException("Cannot create an input tensor for '" + name + "': " + e.getMessage(), e);
        }
    }

    /** @return how many values a tensor of this shape holds, checked against what the caller has */
    private int elements(long[] shape, int available) {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        if (count < 0 || count > available) {
            throw new IllegalArgumentException("Input of model '" + name + "' of shape " + Arrays.toString(shape)
                    + " needs " + count + " values, got " + available);
        }
        return (int) count;
    }

    /**
     * Writes a model's input: its values, row-major, from index 0 of the array it is given (which
     * may be longer). It must not run a model itself: the array is this thread's, until the run.
     */
    @FunctionalInterface
    public interface InputWriter {
        /**
         * @param values where to write the input
         */
        void write(float[] values);
    }

    /**
     * Reads a run's outputs, which it may use only while it runs: where the model's outputs have
     * fixed shapes, they are tensors this thread keeps and its next run of the model overwrites.
     *
     * @param <T> what the reader makes of them
     */
    @FunctionalInterface
    public interface OutputReader<T> {
        /**
         * @param outputs the run's outputs (read them with {@link #floats}); not to be kept
         * @return what the caller wants of them, copied out
         */
        T read(OrtSession.Result outputs);
    }

    /**
     * Runs a model with a single float input that {@code writer} packs into an array this thread
     * keeps, then copied into a direct buffer this thread keeps, and hands the outputs to
     * {@code reader}: no allocation per run (a fresh array of a model input, zeroed and later
     * collected, cost more than packing it; see {@link InputBuffers}), and, where the model's
     * outputs have fixed shapes, none for the outputs either (see {@link OutputBuffers}).
     *
     * <pre>{@code
     * float[] scores = model.run("input:0", new long[] {1, 128, 128, 3},
     *         input -> ImageTensors.pack(frame, box, Normalization.MINUS_ONE_TO_ONE, TensorLayout.NHWC, input, 0),
     *         out -> model.floats(out, "Identity:0"));
     * }</pre>
     *
     * @param <T>    what the reader makes of the outputs
     * @param input  the input's name
     * @param shape  the input's shape
     * @param writer writes the input's values
     * @param reader reads the outputs
     * @return what the reader returned
     * @throws StageException when inference fails
     */
    public <T> T run(String input, long[] shape, InputWriter writer, OutputReader<T> reader) {
        float[] values = written(shape, writer);
        try (OnnxTensor t = floatTensor(values, elements(shape, values.length), shape)) {
            return readKept(Map.of(input, t), reader);
        }
    }

    /**
     * Like {@link #run(String, long[], InputWriter, OutputReader)} for a model whose input is int32
     * (MoveNet takes whole 0–255 pixel values): the values written are rounded into the tensor.
     *
     * @param <T>    what the reader makes of the outputs
     * @param input  the input's name
     * @param shape  the input's shape
     * @param writer writes the input's values
     * @param reader reads the outputs
     * @return what the reader returned
     * @throws StageException when inference fails
     */
    public <T> T runInt32(String input, long[] shape, InputWriter writer, OutputReader<T> reader) {
        float[] values = written(shape, writer);
        int count = elements(shape, values.length);
        IntBuffer ints = InputBuffers.take(Integer.BYTES * count).asIntBuffer();
        for (int i = 0; i < count; i++) {
            ints.put(i, Math.round(values[i]));
        }
        try (OnnxTensor t = OnnxTensor.createTensor(OnnxRuntime.environment(), ints, shape)) {
            return readKept(Map.of(input, t), reader);
        } catch (OrtException e) {
            throw new StageException("Cannot create an input tensor for '" + name + "': " + e.getMessage(), e);
        }
    }

    /** @return this thread's kept array, with the input of this shape written into it */
    private float[] written(long[] shape, InputWriter writer) {
        float[] values = InputBuffers.floats(elements(shape, Integer.MAX_VALUE));
        writer.write(values);
        return values;
    }

    /** Runs into this thread's kept outputs where the model has them, and lets the reader read them. */
    private <T> T readKept(Map<String, OnnxTensor> inputs, OutputReader<T> reader) {
        try (OrtSession.Result result = run(inputs, keptOutputs == null ? Map.of() : keptOutputs.forThisThread())) {
            return reader.read(result);
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
        } finally {
            if (keptOutputs != null) {
                keptOutputs.close();
            }
        }
    }
}
