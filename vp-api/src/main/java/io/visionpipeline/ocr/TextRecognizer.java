package io.visionpipeline.ocr;

import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.stage.FrameStage;
import io.visionpipeline.stage.SequenceAggregator;

import java.util.List;

/**
 * Reads the text in frames (OCR): one list of {@link TextBlock}s per input frame, in input order,
 * each block one line of text with its polygon in frame pixels; an empty list when a frame has no
 * text. Two providers ship with the CPU backend: {@code ppocr} (PP-OCRv4 on ONNX Runtime, the
 * default; scene text and documents, Latin and Chinese) and {@code tesseract} (the system's
 * libtesseract 5; documents and slides, any installed language).
 *
 * <pre>{@code
 * try (TextRecognizer ocr = StageProviders.create(StageKinds.OCR, StageSpec.of("ocr"))) {
 *     for (TextBlock line : ocr.process(frame)) {
 *         System.out.println(line.text() + " at " + line.polygon().bounds());
 *     }
 * }
 * }</pre>
 *
 * <p>Over a video, the default {@link #newAggregator aggregator} merges the same text in
 * consecutive sampled frames into {@link TextTrack}s, which land in
 * {@link io.visionpipeline.report.MediaReport#textTracks()}.
 *
 * @since 0.1
 */
public interface TextRecognizer extends FrameStage<List<TextBlock>> {

    /**
     * For a video, a {@link TextTracker} with its default settings; for an image, no tracks.
     *
     * @param media the media about to be analysed
     * @return the aggregator
     */
    @Override
    default SequenceAggregator<List<TextBlock>> newAggregator(MediaInfo media) {
        return media.kind() == MediaKind.VIDEO ? new TextTracker() : SequenceAggregator.passThrough();
    }
}
