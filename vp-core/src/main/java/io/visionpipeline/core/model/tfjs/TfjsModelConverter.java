package io.visionpipeline.core.model.tfjs;

import com.google.auto.service.AutoService;
import io.visionpipeline.core.model.ModelConverter;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * The model store's {@value #NAME} converter: the first input is the TF.js model file
 * ({@code model.json} or {@code .js} module), the others its weight shards, all in one folder.
 *
 * @since 0.1
 */
@AutoService(ModelConverter.class)
public final class TfjsModelConverter implements ModelConverter {
    /** The converter's catalog name. */
    public static final String NAME = "tfjs";

    /** Creates the converter (found by {@link java.util.ServiceLoader}). */
    public TfjsModelConverter() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void convert(List<Path> inputs, OutputStream out) throws IOException {
        TfjsConverter.convert(inputs.get(0), out);
    }
}
