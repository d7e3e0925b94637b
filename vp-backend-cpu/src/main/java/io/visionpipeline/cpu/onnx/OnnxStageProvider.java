package io.visionpipeline.cpu.onnx;

import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.Stage;
import io.visionpipeline.stage.StageKind;
import io.visionpipeline.stage.StageProvider;

import java.util.Set;

/**
 * What every stage provider on ONNX Runtime has in common: its kind, name, priority and option
 * keys, and an availability that is ONNX Runtime's. A provider extends it and implements
 * {@link #create}.
 *
 * <pre>{@code
 * @AutoService(StageProvider.class)
 * public final class MyProvider extends OnnxStageProvider<FaceDetector> {
 *     public MyProvider() { super(StageKinds.FACES, "my-faces", 10, Set.of("threshold")); }
 *     public FaceDetector create(StageOptions options) { return MyDetector.open(options.getDouble("threshold", 0.5)); }
 * }
 * }</pre>
 *
 * @param <S> the stage interface
 */
public abstract class OnnxStageProvider<S extends Stage> implements StageProvider<S> {
    private final StageKind<S> kind;
    private final String name;
    private final int priority;
    private final Set<String> optionKeys;

    /**
     * @param kind       the stage kind
     * @param name       the provider's name
     * @param priority   higher wins when no provider is named
     * @param optionKeys the options it reads
     */
    protected OnnxStageProvider(StageKind<S> kind, String name, int priority, Set<String> optionKeys) {
        this.kind = kind;
        this.name = name;
        this.priority = priority;
        this.optionKeys = Set.copyOf(optionKeys);
    }

    @Override
    public final StageKind<S> kind() {
        return kind;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int priority() {
        return priority;
    }

    @Override
    public final Availability availability() {
        return OnnxRuntime.availability();
    }

    @Override
    public final Set<String> optionKeys() {
        return optionKeys;
    }
}
