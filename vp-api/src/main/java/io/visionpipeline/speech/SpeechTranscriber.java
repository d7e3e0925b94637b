package io.visionpipeline.speech;

import io.visionpipeline.stage.AudioStage;

/**
 * Transcribes a media's audio track: finds the speech, and says what was said and when, in media
 * time. The stage of the {@code speech} kind ({@link io.visionpipeline.StageKinds#SPEECH}).
 *
 * <pre>{@code
 * try (SpeechTranscriber whisper = StageProviders.create(StageKinds.SPEECH,
 *         new StageSpec("speech", "whisper", Map.of("model", "base.en")));
 *      AudioReader audio = AudioReader.open(MediaSource.of(Path.of("talk.mp4")), Duration.ofSeconds(1))) {
 *     Transcript transcript = whisper.process(audio.track());
 * }
 * }</pre>
 *
 * @since 0.1
 */
public interface SpeechTranscriber extends AudioStage<Transcript> {
}
