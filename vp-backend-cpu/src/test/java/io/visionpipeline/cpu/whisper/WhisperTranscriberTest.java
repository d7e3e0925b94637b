package io.visionpipeline.cpu.whisper;

import io.visionpipeline.core.decode.AudioReader;
import io.visionpipeline.core.model.ModelStore;
import io.visionpipeline.cpu.vad.SileroVad;
import io.visionpipeline.cpu.vad.VadOptions;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.speech.SpeechSegment;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.speech.TranscriptToken;
import io.visionpipeline.testing.TestSpeech;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The whole native path with the generated tiny model: VAD, chunking, whisper.cpp on several
 * threads, timestamps mapped to media time. The model's weights are random, so these tests check
 * structure, times, threading and robustness, not words. Most use greedy decoding without
 * temperature fallback, which is deterministic (fallback samples with a random generator that
 * each native state carries from chunk to chunk).
 */
@Timeout(300)
class WhisperTranscriberTest {
    /** Seven sentences with 2 s pauses (about 40 s): seven VAD segments, cut into two chunks of at most 30 s. */
    private static TestSpeech.Utterances talk;
    private static WhisperTranscriber parallel;
    private static WhisperTranscriber sequential;

    @BeforeAll
    static void open() {
        talk = TestSpeech.utterances("whisper-seven-sentences.wav", Duration.ofSeconds(1), Duration.ofSeconds(2),
                "Good morning and welcome to the quarterly review of our project.",
                "The budget for the next year will be presented by the finance team.",
                "We expect the new video pipeline to index every archive by the summer.",
                "Questions about speech recognition can be asked at the end of the talk.",
                "The search engine finds every moment where a topic is mentioned.",
                "Faces, text on screen and spoken words end up in the same index.",
                "Thank you all for coming, and enjoy the rest of the conference.");
        WhisperOptions greedy = new WhisperOptions(WhisperOptions.AUTO, 3, 1, 0, false);
        parallel = open(greedy);
        sequential = open(greedy.withParallelChunks(1));
    }

    private static WhisperTranscriber open(WhisperOptions options) {
        return WhisperTranscriber.open(WhisperModel.open(TinyWhisperModel.file(), "tiny-random"), SileroVad.open(ModelStore.defaults()),
                VadOptions.DEFAULT, options);
    }

    @AfterAll
    static void close() {
        parallel.close();
        sequential.close();
    }

    static Transcript transcribe(WhisperTranscriber whisper, Path file) {
        try (AudioReader reader = AudioReader.open(MediaSource.of(file), Duration.ofSeconds(1))) {
            return whisper.process(reader.track());
        }
    }

    static List<SpeechSegment> speech(Path file) {
        try (SileroVad vad = SileroVad.open(ModelStore.defaults()); AudioReader reader = AudioReader.open(MediaSource.of(file), Duration.ofSeconds(1))) {
            return vad.detect(reader.track(), VadOptions.DEFAULT);
        }
    }

    @Test
    void transcribesJfkWithDefaultOptionsIntoSegmentsAndTokensInsideTheSpeechWithAValidLanguage() {
        try (WhisperTranscriber defaults = open(WhisperOptions.DEFAULT)) {
            Transcript transcript = transcribe(defaults, TestSpeech.jfk());
            assertThat(transcript.segments()).isNotEmpty();
            assertThat(transcript.language()).matches("[a-z]{2,3}");
            assertWellFormed(transcript, speech(TestSpeech.jfk()));
        }
    }

    @Test
    void mapsTimesOfSeveralChunksBackToMediaTime() {
        Transcript transcript = transcribe(parallel, talk.wav());
        List<SpeechSegment> speech = speech(talk.wav());
        assertThat(speech).hasSize(7);
        assertWellFormed(transcript, speech);
        // the sentences span about 40 s: Whisper saw two chunks, and both gave segments placed in media time
        Duration secondChunk = speech.stream().map(SpeechSegment::start)
                .filter(t -> t.minus(speech.get(0).start()).compareTo(WhisperTranscriber.MAX_CHUNK) > 0).findFirst().orElseThrow();
        assertThat(transcript.segments()).anySatisfy(s -> assertThat(s.end()).isLessThanOrEqualTo(secondChunk));
        assertThat(transcript.segments()).anySatisfy(s -> assertThat(s.start()).isGreaterThanOrEqualTo(secondChunk));
    }

    @Test
    void chunksTranscribedOnSeveralThreadsGiveTheSameTranscriptAsOneThread() {
        Transcript threaded = transcribe(parallel, talk.wav());
        assertThat(parallel.model().openSessions()).isGreaterThanOrEqualTo(2);
        assertThat(threaded).isEqualTo(transcribe(sequential, talk.wav()));
        assertThat(sequential.model().openSessions()).isEqualTo(1);
    }

    @Test
    void isSafeToUseFromSeveralThreadsAtOnce() throws Exception {
        Transcript expected = transcribe(sequential, TestSpeech.jfk());
        ExecutorService callers = Executors.newFixedThreadPool(4);
        try {
            List<Future<Transcript>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(callers.submit(() -> transcribe(parallel, TestSpeech.jfk())));
            }
            for (Future<Transcript> r : results) {
                assertThat(r.get()).isEqualTo(expected);
            }
        } finally {
            callers.shutdownNow();
        }
    }

    @Test
    void aTrackWithoutSpeechGivesAnEmptyTranscript() {
        float[] silence = new float[5 * AudioClip.SPEECH_SAMPLE_RATE];
        MediaInfo media = new MediaInfo("silence", MediaKind.AUDIO, "wav", Duration.ofSeconds(5), 0, 0, 0, 0, "", "pcm_f32le");
        Transcript transcript = parallel.process(AudioTrack.of(media, List.of(new AudioClip(silence, AudioClip.SPEECH_SAMPLE_RATE, Duration.ZERO))));
        assertThat(transcript).isEqualTo(Transcript.EMPTY);
    }

    @Test
    void aStoppedTrackStopsTheTranscriptionAndLeavesTheTranscriberUsable() {
        AudioTrack stopping = new AudioTrack() {
            private final AudioReader reader = AudioReader.open(MediaSource.of(talk.wav()), Duration.ofSeconds(1));
            private final AudioTrack clips = reader.track();
            private int read;

            @Override
            public MediaInfo media() {
                return clips.media();
            }

            @Override
            public boolean hasNext() {
                if (read == 20) {
                    reader.close();
                    throw new CancellationException("the job was cancelled");
                }
                return clips.hasNext();
            }

            @Override
            public AudioClip next() {
                read++;
                return clips.next();
            }
        };
        assertThatThrownBy(() -> parallel.process(stopping)).isInstanceOf(CancellationException.class);
        assertThat(transcribe(parallel, TestSpeech.jfk()).segments()).isNotEmpty();
    }

    @Test
    void aFixedLanguageIsUsedInsteadOfDetection() {
        try (WhisperTranscriber german = open(new WhisperOptions("de", 2, 1, 0, false))) {
            assertThat(transcribe(german, TestSpeech.jfk()).language()).isEqualTo("de");
        }
    }

    /**
     * Segments in order, each inside one stretch of speech Whisper was given (consecutive VAD
     * segments merged while they span at most 30 s), tokens inside their segment.
     */
    static void assertWellFormed(Transcript transcript, List<SpeechSegment> speech) {
        List<SpeechSegment> chunks = new ArrayList<>();
        for (SpeechSegment s : speech) {
            SpeechSegment last = chunks.isEmpty() ? null : chunks.get(chunks.size() - 1);
            if (last != null && s.end().minus(last.start()).compareTo(WhisperTranscriber.MAX_CHUNK) <= 0) {
                chunks.set(chunks.size() - 1, new SpeechSegment(last.start(), s.end()));
            } else {
                chunks.add(s);
            }
        }
        Duration previousStart = Duration.ZERO;
        for (TranscriptSegment segment : transcript.segments()) {
            assertThat(segment.start()).isGreaterThanOrEqualTo(previousStart);
            previousStart = segment.start();
            assertThat(chunks).as("speech containing %s", segment).anySatisfy(c -> {
                assertThat(segment.start()).isGreaterThanOrEqualTo(c.start());
                assertThat(segment.end()).isLessThanOrEqualTo(c.end());
            });
            assertThat(segment.text()).isNotBlank();
            assertThat(segment.confidence()).isBetween(0.0, 1.0);
            assertThat(segment.tokens()).isNotEmpty();
            for (TranscriptToken token : segment.tokens()) {
                assertThat(token.start()).isBetween(segment.start(), segment.end());
                assertThat(token.end()).isBetween(token.start(), segment.end());
                assertThat(token.probability()).isBetween(0.0, 1.0);
            }
        }
    }
}
