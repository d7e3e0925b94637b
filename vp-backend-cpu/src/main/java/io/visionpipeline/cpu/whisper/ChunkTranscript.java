package io.visionpipeline.cpu.whisper;

import io.visionpipeline.speech.TranscriptSegment;

import java.util.List;

/**
 * What Whisper made of one chunk of audio.
 *
 * @param language the language it transcribed in (detected or given), an ISO 639-1 code
 * @param segments the segments, in media time, within the chunk
 */
public record ChunkTranscript(String language, List<TranscriptSegment> segments) {
    /** Copies the segments. */
    public ChunkTranscript {
        segments = List.copyOf(segments);
    }
}
