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
    private final Map<String, long[]> shapes;
    private final ThreadLocal<Map<String, OnnxTensor>> kept = new ThreadLocal<>();
    private final Queue<OnnxTensor> all = new ConcurrentLinkedQueue<>();

    private OutputBuffers(String model, Map<String, long[]> shapes) {
        this.model = model;
        this.shapes = shapes;
    }

    /**
     * @param model   the model's name, for messages
     * @param outputs the model's outputs
     * @return kept outputs for it, or null when an output is not a float tensor of fixed shape
     *         (its size is known only after the run)
     */
    static OutputBuffers of(String model, Map<String, NodeInfo> outputs) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        for (Map.Entry<String, NodeInfo> output : outputs.entrySet()) {
            if (!(output.getValue().getInfo() instanceof TensorInfo tensor) || tensor.type != OnnxJavaType.FLOAT) {
                return null;
            }
            long[] shape = tensor.getShape();
            for (long dimension : shape) {
                if (dimension < 0) {
                    return null;
                }
            }
            shapes.put(output.getKey(), shape);
        }
        return new OutputBuffers(model, shapes);
    }

    /** @return this thread's output tensors, by output name */
    Map<String, OnnxTensor> forThisThread() {
        Map<String, OnnxTensor> tensors = kept.get();
        if (tensors == null) {
            tensors = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, long[]> output : shapes.entrySet()) {
                    long count = 1;
                    for (long dimension : output.getValue()) {
                        count *= dimension;
                    }
                    ByteBuffer bytes = ByteBuffer.allocateDirect(Math.toIntExact(Float.BYTES * count)).order(ByteOrder.nativeOrder());
                    OnnxTensor tensor = OnnxTensor.createTensor(OnnxRuntime.environment(), bytes.asFloatBuffer(), output.getValue());
                    all.add(tensor);
                    tensors.put(output.getKey(), tensor);
                }
            } catch (OrtException | ArithmeticException e) {
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
