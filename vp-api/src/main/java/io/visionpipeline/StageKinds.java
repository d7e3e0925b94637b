package io.visionpipeline;

import io.visionpipeline.face.FaceDetector;
import io.visionpipeline.ocr.TextRecognizer;
import io.visionpipeline.pose.PoseEstimator;
import io.visionpipeline.report.FrameResult;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.safety.SafetyClassifier;
import io.visionpipeline.speech.SpeechTranscriber;
import io.visionpipeline.stage.Stage;
import io.visionpipeline.stage.StageKind;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The stage kinds VisionPipeline knows, by name. The CLI's {@code --stages} and the JSON form of a
 * pipeline use these names.
 *
 * @since 0.1
 */
public final class StageKinds {

    /** Face detection: boxes, six landmarks and a score per face. */
    public static final StageKind<FaceDetector> FACES = StageKind.frames("faces", FaceDetector.class, FrameResult.Builder::faces);

    /** Text recognition (OCR): lines of text with their polygons; text tracks over a video. */
    public static final StageKind<TextRecognizer> OCR = StageKind.frames("ocr", TextRecognizer.class, FrameResult.Builder::text);

    /** Body poses: 17 keypoints and a box per person; person track ids over a video. */
    public static final StageKind<PoseEstimator> POSE = StageKind.frames("pose", PoseEstimator.class, FrameResult.Builder::poses);

    /** Content safety: NSFW class scores, an unsafe score and a flag per frame; a per-media summary. */
    public static final StageKind<SafetyClassifier> NSFW = StageKind.frames("nsfw", SafetyClassifier.class, FrameResult.Builder::safety);

    /** Speech: what is said in the audio track, and when (one transcript per media). */
    public static final StageKind<SpeechTranscriber> SPEECH = StageKind.audio("speech", SpeechTranscriber.class, MediaReport.Builder::transcript);

    private static final List<StageKind<?>> ALL = List.of(FACES, OCR, POSE, NSFW, SPEECH);

    private StageKinds() {
    }

    /** @return every known kind */
    public static List<StageKind<?>> all() {
        return ALL;
    }

    /**
     * @param name a kind's name, e.g. {@code faces}
     * @return the kind
     * @throws IllegalArgumentException naming the known kinds when the name is unknown
     */
    public static StageKind<? extends Stage> named(String name) {
        return ALL.stream().filter(k -> k.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Unknown stage '" + name + "'; known: "
                        + ALL.stream().map(StageKind::name).collect(Collectors.joining(", "))));
    }
}
