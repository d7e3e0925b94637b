package io.visionpipeline.cpu.clip;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.core.onnx.OnnxDataType;
import io.visionpipeline.core.onnx.OnnxGraph;
import io.visionpipeline.embedding.Embedders;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.ImageEmbedder;
import io.visionpipeline.embedding.LabelScore;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.embedding.ZeroShotClassifier;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.SafetyScore;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageSpec;
import io.visionpipeline.testing.TestMedia;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole CLIP path on a {@link TinyClip} model written by the test (no CLIP weights can be had
 * on the build machine): model folders in both Hugging Face layouts, tokenizer files or OpenAI's
 * merges from the model store, preprocessing, both towers, normalisation, similarity, zero-shot
 * classification, the embedder SPI and the {@code clip} NSFW head in a pipeline.
 */
class ClipModelTest {
    @TempDir
    static Path dir;
    private static Path separate;
    private static Path combined;
    private static ImageEmbedder clip;

    @BeforeAll
    static void writeModels() {
        ClipTokenizer tokenizer = ClipTokenizer.fromOpenAiMerges(ModelStore.defaults().file(ClipModel.VOCAB_MODEL, "bpe_simple_vocab_16e6.js"));
        separate = TinyClip.write(dir.resolve("tiny-clip"), tokenizer, false);
        tokenizer.save(separate.resolve("vocab.json"), separate.resolve("merges.txt"));
        combined = TinyClip.write(dir.resolve("tiny-clip-combined").resolve("onnx"), tokenizer, true).getParent();
        clip = Embedders.image(ClipEmbedderProvider.MODEL_ID, StageOptions.of("model", separate.toString()));
    }

    @AfterAll
    static void close() {
        clip.close();
    }

    static ImageFrame solid(int r, int g, int b) {
        byte[] rgb = new byte[300 * 200 * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return ImageFrame.ofRgb(300, 200, rgb);
    }

    @Test
    void zeroShotNamesTheColourOfEachPicture() {
        ZeroShotClassifier colours = ZeroShotClassifier.of(clip, List.of(TinyClip.COLOURS));
        List<List<LabelScore>> scores = colours.classifyAll(List.of(solid(230, 20, 30), solid(10, 200, 40), solid(20, 30, 220)));
        for (int i = 0; i < 3; i++) {
            List<LabelScore> s = scores.get(i);
            assertThat(s).extracting(LabelScore::label).containsExactly(TinyClip.COLOURS);
            assertThat(s.stream().mapToDouble(LabelScore::probability).sum()).isCloseTo(1, within(1e-9));
            LabelScore best = s.stream().max(java.util.Comparator.comparingDouble(LabelScore::probability)).orElseThrow();
            assertThat(best.label()).isEqualTo(TinyClip.COLOURS[i]);
            assertThat(best.probability()).isGreaterThan(0.99);
        }
    }

    @Test
    void aPromptEnsembleIsTheMeanOfItsPrompts() {
        ZeroShotClassifier c = ZeroShotClassifier.builder(clip)
                .label("warm", List.of("a red thing", "a green thing"))
                .label("cold", List.of("a blue thing"))
                .build();
        assertThat(c.classify(solid(240, 240, 10)).get(0).probability()).isGreaterThan(0.99);
        assertThat(c.classify(solid(10, 10, 240)).get(1).probability()).isGreaterThan(0.99);
        TextEmbedder text = clip.textEmbedder();
        float[] red = text.embed("a red thing").vector();
        float[] green = text.embed("a green thing").vector();
        double cos = c.classify(solid(240, 240, 10)).get(0).similarity();
        double expected = new Embedding("x", clip.embedImages(List.of(solid(240, 240, 10))).get(0).vector())
                .cosine(new Embedding("x", new float[] {red[0] + green[0], red[1] + green[1], red[2] + green[2]}));
        assertThat(cos).isCloseTo(expected, within(1e-5));
    }

    @Test
    void embeddingsAreUnitVectorsNamedAfterTheModel() {
        Embedding image = clip.embedImages(List.of(solid(200, 100, 50))).get(0);
        Embedding text = clip.textEmbedder().embed("a photo of a red car");
        assertThat(clip.dimension()).isEqualTo(3);
        assertThat(clip.modelName()).isEqualTo("clip:tiny-clip");
        assertThat(image.model()).isEqualTo(text.model()).isEqualTo(clip.modelName());
        for (Embedding e : List.of(image, text)) {
            double norm = 0;
            for (float v : e.vector()) {
                norm += v * v;
            }
            assertThat(norm).isCloseTo(1, within(1e-5));
        }
        assertThat(text.vector()[0]).isGreaterThan(0.9f);
    }

    @Test
    void aCombinedModelAndOpenAisMergesGiveTheSameEmbeddingsAsSeparateTowersAndHuggingFaceFiles() {
        try (ImageEmbedder other = Embedders.image(ClipEmbedderProvider.MODEL_ID, StageOptions.of("model", combined.toString()))) {
            List<ImageFrame> frames = List.of(solid(230, 20, 30), solid(12, 34, 56));
            List<Embedding> a = clip.embedImages(frames);
            List<Embedding> b = other.embedImages(frames);
            List<String> texts = List.of("a photo of a red car", "Green, GREEN, green!", "");
            List<Embedding> ta = clip.textEmbedder().embedAll(texts);
            List<Embedding> tb = other.textEmbedder().embedAll(texts);
            for (int i = 0; i < 2; i++) {
                assertThat(b.get(i).vector()).containsExactly(a.get(i).vector(), within(1e-5f));
            }
            for (int i = 0; i < texts.size(); i++) {
                assertThat(tb.get(i).vector()).containsExactly(ta.get(i).vector(), within(1e-5f));
            }
        }
    }

    @Test
    void theClipNsfwHeadScoresFramesInAPipeline() {
        try (VisionPipeline vp = VisionPipeline.builder().stage(new StageSpec("nsfw", "clip", Map.of("model", separate.toString())))
                .executor(LocalExecutor.withThreads(1)).build()) {
            MediaReport report = vp.analyze(TestMedia.skimage("astronaut.png"));
            SafetyScore s = report.frames().get(0).safety();
            assertThat(s.drawing() + s.hentai() + s.neutral() + s.porn() + s.sexy()).isCloseTo(1, within(1e-4));
            assertThat(s.unsafe()).isCloseTo(s.hentai() + s.porn() + s.sexy(), within(1e-6));
            assertThat(report.safety().frames()).isEqualTo(1);
            assertThat(report.stages().get(0).provider()).isEqualTo("clip");
            assertThat(report.stages().get(0).model()).isEqualTo("clip:tiny-clip (zero-shot, 5 prompt ensembles)");
        }
    }

    @Test
    void oneByOneAndFortyEightMegapixelFramesAreEmbedded() {
        ZeroShotClassifier colours = ZeroShotClassifier.of(clip, List.of(TinyClip.COLOURS));
        ImageFrame dot = ImageFrame.ofRgb(1, 1, new byte[] {(byte) 250, 10, 10});
        ImageFrame huge = solid(10, 10, 250);
        huge = ImageFrame.ofRgb(8768, 5472, io.visionpipeline.testing.Images.resizeNearest(huge, 8768, 5472));
        List<List<LabelScore>> scores = colours.classifyAll(List.of(dot, huge));
        assertThat(scores.get(0).get(0).probability()).isGreaterThan(0.99);
        assertThat(scores.get(1).get(2).probability()).isGreaterThan(0.99);
    }

    @Test
    void aFolderWithoutAModelFailsNamingItAndTheFilesLookedFor(@TempDir Path empty) {
        assertThatThrownBy(() -> ClipFiles.inFolder(empty)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining(empty.toString()).hasMessageContaining("vision_model.onnx").hasMessageContaining("model.onnx");
    }

    @Test
    void withoutAFolderAndWithoutDownloadsTheErrorSaysWhatToDo(@TempDir Path cache) {
        ModelStore offline = ModelStore.builder().cacheDir(cache).allowDownloads(false).build();
        assertThatThrownBy(() -> ClipFiles.resolve(ClipFiles.DEFAULT_REPOSITORY, offline)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("--clip-model <dir>").hasMessageContaining("--allow-downloads")
                .hasMessageContaining("https://huggingface.co/Xenova/clip-vit-base-patch32");
        assertThatThrownBy(() -> ClipFiles.resolve("/no/such/folder", offline)).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("/no/such/folder");
    }

    @Test
    void anExportWithoutProjectedEmbeddingsIsRejectedNamingWhatIsMissing(@TempDir Path folder) throws IOException {
        OnnxGraph g = OnnxGraph.create("not-clip");
        String pixels = g.input(ClipModel.PIXELS, OnnxDataType.FLOAT, -1, 3, 224, 224);
        g.output(g.op("Identity").input(pixels).output("pooler_output"), OnnxDataType.FLOAT, -1, 3, 224, 224);
        Files.write(folder.resolve("vision_model.onnx"), g.toModelBytes());
        Files.copy(separate.resolve("text_model.onnx"), folder.resolve("text_model.onnx"));
        assertThatThrownBy(() -> ClipModel.open(ClipFiles.inFolder(folder), ModelStore.defaults(), io.visionpipeline.cpu.onnx.OnnxModel.Options.DEFAULT))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("image_embeds").hasMessageContaining("pooler_output");
    }
}
