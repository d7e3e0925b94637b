package io.visionpipeline.cpu.ocr.tesseract;

import io.visionpipeline.StageKinds;
import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.engine.LocalExecutor;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.natives.OpenMp;
import io.visionpipeline.cpu.ocr.TextImages;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.model.ModelUnavailableException;
import io.visionpipeline.ocr.TextBlock;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProviders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TesseractRecognizerTest {

    private static ImageFrame line(String text) {
        return TextImages.frame(TextImages.line(1000, 200, text, 40, Color.BLACK, Color.WHITE));
    }

    @Test
    void readsALineWithItsBoxInFramePixelsFromTheBundledEnglishModel() {
        try (TesseractRecognizer ocr = TesseractRecognizer.open(ModelStore.defaults(), TesseractSettings.DEFAULT)) {
            List<TextBlock> blocks = ocr.process(line("Invoice number 4711"));
            assertThat(blocks).extracting(TextBlock::text).containsExactly("Invoice number 4711");
            assertThat(blocks.get(0).polygon().bounds().y()).isBetween(70.0, 100.0);
            assertThat(blocks.get(0).confidence()).isGreaterThan(0.8);
            assertThat(ocr.tessdata()).endsWith(Path.of("tesseract-eng"));
            assertThat(ocr.modelName()).startsWith("tesseract 5").contains("eng, psm 3");
            assertThat(ocr.isThreadSafe()).isFalse();
        }
    }

    @Test
    void holdsOpenMpToOneThreadUnlessTheEnvironmentSaysOtherwise() {
        assertThat(TesseractLibrary.availability().available()).isTrue();
        int limit = OpenMp.threadLimit();
        String configured = System.getenv(OpenMp.OMP_THREAD_LIMIT);
        assertThat(limit).isEqualTo(configured == null ? 1 : Integer.parseInt(configured));
    }


    @Test
    void aMissingLanguageFailsNamingThePackageToInstall(@TempDir Path empty) {
        assertThatThrownBy(() -> TesseractRecognizer.open(ModelStore.defaults(),
                TesseractSettings.fromOptions(StageOptions.of("languages", "eng+xyz"))))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("xyz.traineddata").hasMessageContaining("sudo apt-get install tesseract-ocr-xyz")
                .hasMessageContaining("tessdata=<folder>");
        assertThatThrownBy(() -> TesseractRecognizer.open(ModelStore.defaults(),
                TesseractSettings.fromOptions(StageOptions.of("tessdata", empty.toString()))))
                .isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining("the configured tessdata folder " + empty + " lacks eng.traineddata");
    }

    @Test
    void readsWithSeveralLanguagesFromTheSystemFolder() {
        try (TesseractRecognizer ocr = TesseractRecognizer.open(ModelStore.defaults(),
                TesseractSettings.fromOptions(StageOptions.of("languages", "eng+osd")))) {
            assertThat(ocr.tessdata()).isIn(TessData.SYSTEM_FOLDERS);
            assertThat(ocr.process(line("Second language loaded"))).extracting(TextBlock::text).containsExactly("Second language loaded");
        }
    }

    @Test
    void badOptionsAndUseAfterCloseFailClearly() {
        assertThatThrownBy(() -> TesseractSettings.fromOptions(StageOptions.of("pageSegMode", "14")))
                .hasMessageContaining("Option 'pageSegMode' must be 0-13");
        assertThatThrownBy(() -> TesseractSettings.fromOptions(StageOptions.of("languages", "eng deu")))
                .hasMessageContaining("Option 'languages' must be Tesseract language codes joined by '+'");
        TesseractRecognizer ocr = TesseractRecognizer.open(ModelStore.defaults(), TesseractSettings.DEFAULT);
        ocr.close();
        ocr.close();
        assertThatThrownBy(() -> ocr.process(line("closed"))).isInstanceOf(StageException.class).hasMessageContaining("closed");
    }

    /** Several compute threads, each with an engine of its own, read several images at once. */
    @Test
    void thePipelineGivesEachThreadItsOwnEngine() {
        List<MediaSource> pages = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            pages.add(MediaSource.of(TextImages.writePng(TextImages.line(1000, 200, "Page number " + (i + 1), 40, Color.BLACK, Color.WHITE),
                    "ocr-tesseract-page-" + (i + 1) + ".png")));
        }
        try (VisionPipeline vp = VisionPipeline.builder().ocr("tesseract", StageOptions.EMPTY).executor(LocalExecutor.withThreads(3)).build()) {
            List<AnalysisResult> results = vp.analyzeAll(pages);
            for (int i = 0; i < results.size(); i++) {
                assertThat(results.get(i).report().frames().get(0).text()).extracting(TextBlock::text).containsExactly("Page number " + (i + 1));
            }
        }
        assertThat(StageProviders.select(StageKinds.OCR, "tesseract").priority()).isLessThan(StageProviders.select(StageKinds.OCR, "ppocr").priority());
    }

    @Test
    void parsesLibraryVersions() {
        assertThat(TesseractLibrary.majorVersion("5.3.0")).isEqualTo(5);
        assertThat(TesseractLibrary.majorVersion("4.1.1-rc2")).isEqualTo(4);
        assertThat(TesseractLibrary.majorVersion("unknown")).isZero();
    }
}
