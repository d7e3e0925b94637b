package io.visionpipeline.cpu.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.TensorInfo;
import io.visionpipeline.stage.StageException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Output tensors each thread keeps for one model whose outputs are all float tensors of fixed
 * shape (BlazeFace's four heads, for one): ONNX Runtime writes a run's outputs into them
 * ("pinned outputs") instead of allocating fresh tensors that Java then wraps, copies out and
 * frees — 36–46 µs of BlazeFace's 1.4 ms run. A kept tensor holds a run's values only until the
 * thread's next run of the model, so they are lent to a reader for the length of one run
 * ({@link OnnxModel#run(String, long[], OnnxModel.InputWriter, OnnxModel.OutputReader)}).
 */
final class OutputBuffers implements AutoCloseable {
    private final String model;
    private final Map<String, Output> outputs;
    private final ThreadLocal<Map<String, OnnxTensor>> kept = new ThreadLocal<>();
    private final Queue<OnnxTensor> all = new ConcurrentLinkedQueue<>();

    /** One output's fixed shape and its size in bytes. */
    private record Output(long[] shape, int bytes) {
    }

    private OutputBuffers(String model, Map<String, Output> outputs) {
        this.model = model;
        this.outputs = outputs;
    }

    /**
     * @param model   the model's name, for messages
     * @param outputs the model's outputs
     * @return kept outputs for it, or null when an output is not a float tensor of fixed shape
     *         (its size is known only after the run) or is too large for one buffer
     */
    static OutputBuffers of(String model, Map<String, NodeInfo> outputs) {
        Map<String, Output> fixed = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> output : outputs.entrySet()) {
            if (!(output.getValue().getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
                return null;
            }
            long[] shape = tensor.getShape();
            long bytes = Float.BYTES;
            for (long dimension : shape) {
                bytes *= dimension;
                if (dimension < 0 || bytes > Integer.MAX_VALUE) {
                    return null;
                }
            }
            fixed.put(output.getKey(), new Output(shape, (int) bytes));
        }
        return new OutputBuffers(model, fixed);
    }

    /** @return this thread's output tensors, by output name */
    Map<String, OnnxTensor> forThisThread() {
        Map<String, OnnxTensor> tensors = kept.get();
        if (tensors == null) {
            tensors = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, Output> output : outputs.entrySet()) {
                    ByteBuffer bytes = ByteBuffer.allocateDirect(output.getValue().bytes()).order(ByteOrder.nativeOrder());
                    OnnxTensor tensor = OnnxTensor.createTensor(OnnxRuntime.environment(), bytes.asFloatBuffer(), output.getValue().shape());
                    all.add(tensor);
                    tensors.put(output.getKey(), tensor);
                }
            } catch (OrtException e) {
                throw new StageException("Cannot keep the outputs of model '" + model + "': " + e.getMessage(), e);
            }
            kept.set(tensors);
        }
        return tensors;
    }

    @Override
    public void close() {
        for (OnnxTensor tensor = all.poll(); tensor != null; tensor = all.poll()) {
            tensor.close();
        }
    }
}
