package io.visionpipeline.cpu.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.core.image.ImageTensors;
import io.visionpipeline.core.image.Letterbox;
import io.visionpipeline.core.image.Normalization;
import io.visionpipeline.core.image.Resampling;
import io.visionpipeline.core.image.TensorLayout;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * CLIP's preprocessing against Hugging Face's CLIPImageProcessor as computed with Pillow and
 * NumPy ({@code src/test/resources/clip-reference/preprocess.json}, made by
 * {@code /usr/bin/python3 scripts/clip-reference/preprocess-reference.py}): on five skimage
 * pictures — square, wide, grey, and one smaller than 224 px on a side — the resized and cropped
 * 8-bit pixels are the same bytes, and the normalised input the same values.
 */
class ClipImageProcessorTest {

    @Test
    void resizedCropsAreBitIdenticalToPillowsAndNormalisedValuesEqualHuggingFaces() throws IOException {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/clip-reference/preprocess.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        assertThat(reference.get("cases")).hasSize(5);
        int side = ClipImageProcessor.DEFAULT.cropSize();
        for (JsonNode c : reference.get("cases")) {
            String name = c.get("image").asText();
            ImageFrame frame = TestVideos.load(TestMedia.skimage(name));
            assertThat(sha256(frame.rgb())).as("decoded pixels of %s", name).isEqualTo(c.get("rgbSha256").asText());

            Letterbox crop = Letterbox.centreCrop(frame.width(), frame.height(), 224, side, side);
            assertThat(crop.toSourceX(0) * crop.scaleX()).as("%s crop left", name).isEqualTo(c.at("/crop/0").asDouble());
            float[] raw = new float[3 * side * side];
            ImageTensors.pack(frame, crop, Resampling.BICUBIC_PILLOW, Normalization.RAW, TensorLayout.NHWC, raw, 0);
            byte[] bytes = new byte[raw.length];
            for (int i = 0; i < raw.length; i++) {
                bytes[i] = (byte) raw[i];
            }
            assertThat(sha256(bytes)).as("Pillow-resized, cropped pixels of %s", name).isEqualTo(c.get("cropSha256").asText());

            float[] pixels = new float[3 * side * side];
            ClipImageProcessor.DEFAULT.pack(frame, pixels, 0);
            for (JsonNode p : c.get("probes")) {
                float value = pixels[p.get("c").asInt() * side * side + p.get("y").asInt() * side + p.get("x").asInt()];
                assertThat((double) value).as("%s %s", name, p).isCloseTo(p.get("value").asDouble(), within(1e-5));
            }
            for (int ch = 0; ch < 3; ch++) {
                double mean = 0;
                for (int i = 0; i < side * side; i++) {
                    mean += pixels[ch * side * side + i];
                }
                assertThat(mean / (side * side)).as("%s channel %d mean", name, ch).isCloseTo(c.at("/channelMeans/" + ch).asDouble(), within(1e-5));
            }
        }
    }

    @Test
    void settingsComeFromAPreprocessorConfigWhenThereIsOne() throws IOException {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("preprocessor_config", ".json");
        try {
            java.nio.file.Files.writeString(config, "{\"crop_size\": {\"height\": 336, \"width\": 336}, \"size\": {\"shortest_edge\": 336},"
                    + " \"resample\": 3, \"image_mean\": [0.5, 0.5, 0.5], \"image_std\": [0.5, 0.5, 0.5]}");
            ClipImageProcessor p = ClipImageProcessor.fromConfig(config);
            assertThat(p.shortSide()).isEqualTo(336);
            assertThat(p.cropSize()).isEqualTo(336);
            assertThat(p.mean()).containsExactly(0.5f, 0.5f, 0.5f);
            java.nio.file.Files.writeString(config, "{\"resample\": 2}");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClipImageProcessor.fromConfig(config))
                    .isInstanceOf(io.visionpipeline.model.ModelUnavailableException.class).hasMessageContaining(config.toString());
        } finally {
            java.nio.file.Files.delete(config);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
