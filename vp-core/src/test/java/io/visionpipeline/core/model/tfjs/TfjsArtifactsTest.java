package io.visionpipeline.core.model.tfjs;

import io.visionpipeline.core.onnx.TensorData;
import io.visionpipeline.testing.TinyTfjsModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TfjsArtifactsTest {

    @Test
    void decodesFloat16WeightsBitExactly(@TempDir Path dir) {
        Path model = TinyTfjsModel.create()
                .float16Constant("w", new long[] {6}, (short) 0x3C00, (short) 0xC000, (short) 0x0001, (short) 0x03FF, (short) 0x7BFF, (short) 0x8000)
                .output("w").write(dir);
        float[] w = TfjsArtifacts.read(model).weights().get("w").toFloats();
        assertThat(w).containsExactly(1f, -2f, (float) Math.scalb(1.0, -24), (float) Math.scalb(1023.0, -24), 65504f, -0f);
    }

    @Test
    void dequantizesUint8AndUint16AsTfjsDoesInDoublePrecision(@TempDir Path dir) {
        double min = -1.2345678901234;
        double scale = 0.0098765432109876;
        Path model = TinyTfjsModel.create()
                .quantizedConstant("u8", "float32", false, min, scale, new long[] {3}, 0, 128, 255)
                .quantizedConstant("u16", "float32", true, min, scale, new long[] {2}, 1, 65535)
                .quantizedConstant("i32", "int32", false, -3, 0.5, new long[] {3}, 0, 5, 7)
                .output("u8").write(dir);
        Map<String, TensorData> weights = TfjsArtifacts.read(model).weights();
        assertThat(weights.get("u8").toFloats()).containsExactly((float) (min), (float) (128 * scale + min), (float) (255 * scale + min));
        assertThat(weights.get("u16").toFloats()).containsExactly((float) (scale + min), (float) (65535 * scale + min));
        // Math.round, as TF.js: -3 + 2.5 = -0.5 rounds up to 0, 0.5 to 1
        assertThat(weights.get("i32").toLongs()).containsExactly(-3, 0, 1);
    }

    @Test
    void readsAModelShippedAsUmdModulesWithBase64Shards(@TempDir Path dir) throws IOException {
        Path json = TinyTfjsModel.create().constant("w", TensorData.floats(new long[] {2}, 0.25f, -4f)).output("w").write(dir.resolve("json"));
        String model = Files.readString(json).replace("\"weights.bin\"", "\"group1-shard1of1\"");
        String shard = Base64.getEncoder().encodeToString(Files.readAllBytes(json.resolveSibling("weights.bin")));
        Files.writeString(dir.resolve("model.min.js"), umd(model), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("group1-shard1of1.min.js"), umd("\"" + shard + "\""), StandardCharsets.UTF_8);
        assertThat(TfjsArtifacts.read(dir.resolve("model.min.js")).weights().get("w").toFloats()).containsExactly(0.25f, -4f);
    }

    private static String umd(String payload) {
        return "!function(t){\"object\"==typeof exports?module.exports=t():this.m=t()}(function(){return function t(e,a,l){}"
                + "({1:[function(t,e,a){e.exports=" + payload + "},{}]},{},[1])(1)});";
    }

    @Test
    void aTruncatedModelJsonFailsNamingTheFile(@TempDir Path dir) throws IOException {
        Path model = TinyTfjsModel.create().constant("w", TensorData.floats(new long[] {1}, 1)).output("w").write(dir);
        String text = Files.readString(model);
        Files.writeString(model, text.substring(0, text.length() / 2));
        assertThatThrownBy(() -> TfjsArtifacts.read(model))
                .isInstanceOf(TfjsImportException.class)
                .hasMessageContaining(model.toString()).hasMessageContaining("truncated or not JSON");
    }

    @Test
    void aTruncatedWeightShardFailsNamingTheShard(@TempDir Path dir) throws IOException {
        Path model = TinyTfjsModel.create().constant("w", TensorData.floats(new long[] {4}, 1, 2, 3, 4)).output("w").write(dir);
        Path shard = dir.resolve("weights.bin");
        Files.write(shard, java.util.Arrays.copyOf(Files.readAllBytes(shard), 10));
        assertThatThrownBy(() -> TfjsArtifacts.read(model))
                .isInstanceOf(TfjsImportException.class)
                .hasMessageContaining("truncated").hasMessageContaining("weight 'w'").hasMessageContaining(shard.toString());
    }

    @Test
    void aMissingWeightShardIsNamed(@TempDir Path dir) throws IOException {
        Path model = TinyTfjsModel.create().constant("w", TensorData.floats(new long[] {1}, 1)).output("w").write(dir);
        Files.delete(dir.resolve("weights.bin"));
        assertThatThrownBy(() -> TfjsArtifacts.read(model))
                .isInstanceOf(TfjsImportException.class)
                .hasMessageContaining(dir.resolve("weights.bin").toString()).hasMessageContaining("does not exist");
    }

    @Test
    void aShardPathLeavingTheModelFolderIsRefused(@TempDir Path dir) throws IOException {
        Path model = TinyTfjsModel.create().constant("w", TensorData.floats(new long[] {1}, 1)).output("w").write(dir);
        Files.writeString(model, Files.readString(model).replace("\"weights.bin\"", "\"../../etc/passwd\""));
        assertThatThrownBy(() -> TfjsArtifacts.read(model)).isInstanceOf(TfjsImportException.class).hasMessageContaining("outside its folder");
    }

    @Test
    void aFileThatIsNotATfjsModelIsNamed(@TempDir Path dir) throws IOException {
        Path model = dir.resolve("model.json");
        Files.writeString(model, "{\"hello\": \"world\"}");
        assertThatThrownBy(() -> TfjsArtifacts.read(model)).isInstanceOf(TfjsImportException.class)
                .hasMessageContaining(model.toString()).hasMessageContaining("modelTopology");
        assertThatThrownBy(() -> TfjsArtifacts.read(dir.resolve("absent.json"))).isInstanceOf(TfjsImportException.class)
                .hasMessageContaining("absent.json").hasMessageContaining("does not exist");
    }
}
