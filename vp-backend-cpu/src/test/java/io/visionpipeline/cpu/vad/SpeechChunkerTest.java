package io.visionpipeline.cpu.vad;

import io.visionpipeline.media.AudioClip;
import io.visionpipeline.speech.SpeechSegment;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SpeechChunkerTest {
    private static final Duration MAX = Duration.ofSeconds(30);

    private static SpeechSegment seg(double from, double to) {
        return new SpeechSegment(Duration.ofMillis(Math.round(from * 1000)), Duration.ofMillis(Math.round(to * 1000)));
    }

    /** A clip whose samples encode their own media time, to check what a chunk holds. */
    private static AudioClip clip(int second) {
        float[] samples = new float[AudioClip.SPEECH_SAMPLE_RATE];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = second + i / (float) samples.length;
        }
        return new AudioClip(samples, AudioClip.SPEECH_SAMPLE_RATE, Duration.ofSeconds(second));
    }

    @Test
    void mergesSegmentsIntoChunksOfAtMostThirtySecondsCutAtSegmentBoundaries() {
        SpeechChunker chunker = new SpeechChunker(MAX);
        for (int s = 0; s < 60; s++) {
            chunker.append(clip(s));
        }
        List<SpeechChunk> chunks = new ArrayList<>();
        for (SpeechSegment s : List.of(seg(1, 8), seg(10, 20), seg(22, 30.5), seg(33, 40), seg(45, 58))) {
            chunks.addAll(chunker.add(s));
        }
        chunks.addAll(chunker.finish());
        // 1-30.5 s spans 29.5 s: three segments; adding 33-40 would span 39 s
        assertThat(chunks).extracting(c -> c.speech().size()).containsExactly(3, 2);
        assertThat(chunks).allSatisfy(c -> assertThat(c.end().minus(c.start())).isLessThanOrEqualTo(MAX));
        SpeechChunk first = chunks.get(0);
        assertThat(first.start()).isEqualTo(Duration.ofSeconds(1));
        assertThat(first.end()).isEqualTo(Duration.ofMillis(30_500));
        // the samples are the media's own from the chunk's start: sample 0 of second 1 holds 1.0
        assertThat(first.samples()[0]).isEqualTo(1.0f);
        assertThat(chunks.get(1).start()).isEqualTo(Duration.ofSeconds(33));
    }

    @Test
    void holdsBoundedAudioOverAnHourOfSpeechAndSilence() {
        SpeechChunker chunker = new SpeechChunker(MAX);
        int maxBuffered = 0;
        int chunks = 0;
        for (int s = 0; s < 3600; s++) {
            chunker.append(clip(s));
            if (s % 10 == 9) {
                chunks += chunker.add(seg(s - 9, s - 3)).size(); // 6 s of speech every 10 s, decided 3 s later
            }
            chunks += chunker.advance(Duration.ofSeconds(s - 2)).size();
            maxBuffered = Math.max(maxBuffered, chunker.bufferedSamples());
        }
        chunks += chunker.finish().size();
        assertThat(chunks).isEqualTo(120); // 3 segments (26 s) per chunk: a 4th would make it 36 s
        assertThat(maxBuffered).isLessThanOrEqualTo(35 * AudioClip.SPEECH_SAMPLE_RATE);
    }

    @Test
    void closesAPendingChunkOnceNoFutureSegmentCanJoinIt() {
        SpeechChunker chunker = new SpeechChunker(MAX);
        for (int s = 0; s < 40; s++) {
            chunker.append(clip(s));
        }
        assertThat(chunker.add(seg(2, 5))).isEmpty();
        assertThat(chunker.advance(Duration.ofSeconds(20))).isEmpty();
        assertThat(chunker.advance(Duration.ofSeconds(32))).singleElement()
                .satisfies(c -> assertThat(c.speech()).containsExactly(seg(2, 5)));
        assertThat(chunker.finish()).isEmpty();
    }
}
