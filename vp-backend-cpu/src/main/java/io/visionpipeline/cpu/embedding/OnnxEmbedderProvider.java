package io.visionpipeline.cpu.embedding;

import com.google.auto.service.AutoService;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.onnx.OnnxRuntime;
import io.visionpipeline.embedding.EmbedderProvider;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.stage.Availability;
import io.visionpipeline.stage.StageOptions;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The {@code onnx} embedder provider: the text models of {@link TextEmbeddingModel} on ONNX
 * Runtime. Options: {@code threads} (ORT threads per run, default 1) and the model store's
 * {@code models.*} options.
 */
@AutoService(EmbedderProvider.class)
public final class OnnxEmbedderProvider implements EmbedderProvider {
    @Override
    public String name() {
        return "onnx";
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
        return Arrays.stream(TextEmbeddingModel.values()).map(TextEmbeddingModel::id).collect(Collectors.toCollection(TreeSet::new));
    }

    @Override
    public TextEmbedder createText(String model, StageOptions options) {
        options.requireKnown("the onnx embedder", Set.of("threads"));
        return OnnxTextEmbedder.open(TextEmbeddingModel.byId(model), ModelStore.fromOptions(options), options.getInt("threads", 1));
    }
}
