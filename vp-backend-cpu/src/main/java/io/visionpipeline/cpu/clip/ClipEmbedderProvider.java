package io.visionpipeline.cpu.clip;

import com.google.auto.service.AutoService;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxModel;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.embedding.EmbedderProvider;
import io.visionpipeline.embedding.ImageEmbedder;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.util.Set;

/**
 * The {@code clip} embedder provider: image and text model id {@value #MODEL_ID}. Options:
 * {@code model} (a folder holding a Hugging Face ONNX export of CLIP, or a Hugging Face repository
 * id, default {@value ClipFiles#DEFAULT_REPOSITORY}, downloaded only when downloads are allowed),
 * {@code threads} (ONNX Runtime threads per run, default 1) and the model store's {@code models.*}.
 */
@AutoService(EmbedderProvider.class)
public final class ClipEmbedderProvider implements EmbedderProvider {
    /** The model id CLIP is asked for by. */
    public static final String MODEL_ID = "clip";
    private static final Set<String> OPTIONS = Set.of("model", "threads");

    @Override
    public String name() {
        return "clip";
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public Availability availability() {
        return OnnxRuntime.availability();
    }

    @Override
    public Set<String> textModels() {
        return Set.of(MODEL_ID);
    }

    @Override
    public Set<String> imageModels() {
        return Set.of(MODEL_ID);
    }

    @Override
    public TextEmbedder createText(String model, StageOptions options) {
        return ClipTextEmbedder.of(open(options));
    }

    @Override
    public ImageEmbedder createImage(String model, StageOptions options) {
        return new ClipImageEmbedder(open(options));
    }

    private static ClipModel open(StageOptions options) {
        options.requireKnown("the clip embedder", OPTIONS);
        ModelStore store = ModelStore.fromOptions(options);
        return ClipModel.open(ClipFiles.resolve(options.get("model", ClipFiles.DEFAULT_REPOSITORY), store), store,
                new OnnxModel.Options(options.getInt("threads", 1)));
    }
}
