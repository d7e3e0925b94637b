package io.visionpipeline.core.model;

import io.visionpipeline.core.model.tfjs.TfjsConverter;
import io.visionpipeline.model.ModelUnavailableException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Catalog files made by a converter: the tiny TF.js model in the test resources, converted by the real TF.js importer. */
class ConvertedSourceTest {
    private static final String MODEL_SHA = "830177489f0cbef1b5e9c1d5b00564ec9989365bacf72db78e923e04d9a0b527";
    private static final String WEIGHTS_SHA = "e74b6c8dc30d54f395e7aaf878959b8b192c2a08e09e08d65737c0a26835f7ab";

    private static String convertedSha;

    @BeforeAll
    static void convertDirectly(@TempDir Path dir) throws IOException {
        for (String name : List.of("model.json", "weights.bin")) {
            try (InputStream in = ConvertedSourceTest.class.getResourceAsStream("/models/tiny-tfjs/" + name)) {
                Files.copy(in, dir.resolve(name));
            }
        }
        convertedSha = HexFormat.of().formatHex(Sha256.newDigest().digest(TfjsConverter.toOnnx(dir.resolve("model.json")).toModelBytes()));
    }

    private static ModelFile input(String name, String sha, String source) {
        return new ModelFile(name, sha, 0, List.of(ModelSource.parse(source)));
    }

    private static ModelStore store(Path cache, boolean downloads, String converter, ModelFile... inputs) {
        ModelFile onnx = new ModelFile("tiny.onnx", convertedSha, 0, List.of(new ConvertedSource(converter, List.of(inputs))));
        ModelDescriptor model = new ModelDescriptor("tiny-tfjs", "a tiny TF.js model", "MIT", "", List.of(onnx));
        return ModelStore.builder().cacheDir(cache).allowDownloads(downloads).catalog(ModelCatalog.of(List.of(model))).build();
    }

    private static ModelFile[] tinyInputs() {
        return new ModelFile[] {input("model.json", MODEL_SHA, "classpath:models/tiny-tfjs/model.json"),
                input("weights.bin", WEIGHTS_SHA, "classpath:models/tiny-tfjs/weights.bin")};
    }

    @Test
    void convertsOnceFromVerifiedInputsAndCachesTheChecksummedResult(@TempDir Path cache) throws IOException {
        Path onnx = store(cache, false, "tfjs", tinyInputs()).file("tiny-tfjs", "tiny.onnx");
        assertThat(onnx).isEqualTo(cache.resolve("tiny-tfjs").resolve("tiny.onnx"));
        assertThat(Sha256.of(onnx)).isEqualTo(convertedSha);
        long converted = Files.getLastModifiedTime(onnx).toMillis();
        try (var scratch = Files.list(cache.resolve(".downloads"))) {
            assertThat(scratch).as("conversion scratch folders are removed").isEmpty();
        }
        Path again = store(cache, false, "tfjs", tinyInputs()).file("tiny-tfjs", "tiny.onnx");
        assertThat(Files.getLastModifiedTime(again).toMillis()).isEqualTo(converted);
    }

    @Test
    void anInputWithTheWrongChecksumIsNamed(@TempDir Path cache) {
        ModelFile[] inputs = tinyInputs();
        inputs[1] = input("weights.bin", "0".repeat(64), "classpath:models/tiny-tfjs/weights.bin");
        assertThatThrownBy(() -> store(cache, false, "tfjs", inputs).file("tiny-tfjs", "tiny.onnx"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("input weights.bin").hasMessageContaining("SHA-256 " + WEIGHTS_SHA + " instead of");
    }

    @Test
    void anUnknownConverterIsNamed(@TempDir Path cache) {
        assertThatThrownBy(() -> store(cache, false, "onnx-from-thin-air", tinyInputs()).file("tiny-tfjs", "tiny.onnx"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("no model converter named 'onnx-from-thin-air'").hasMessageContaining("tfjs");
    }

    @Test
    void aMalformedInputFailsWithTheConvertersMessage(@TempDir Path cache) {
        String payloadSha = "966a726e325db327abd7c9d5c5dce3a606d4002423668b9d2816e08d4eb558bb";
        ModelFile notAModel = input("model.json", payloadSha, "classpath:models/payload.bin");
        assertThatThrownBy(() -> store(cache, false, "tfjs", notAModel).file("tiny-tfjs", "tiny.onnx"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("convert:tfjs[classpath:models/payload.bin]").hasMessageContaining("model.json");
    }

    @Test
    void offlineAConversionFromAnNpmPackageSaysHowToFetchIt(@TempDir Path cache) {
        ModelFile fromNpm = input("model.json", MODEL_SHA, "npm:some-tfjs-models@1.0.0#package/model.json");
        assertThatThrownBy(() -> store(cache, false, "tfjs", fromNpm).file("tiny-tfjs", "tiny.onnx"))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("Downloads are off").hasMessageContaining("./vp models fetch tiny-tfjs")
                .hasMessageContaining("convert:tfjs[npm:some-tfjs-models@1.0.0#package/model.json]");
    }
}
