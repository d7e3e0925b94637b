package io.visionpipeline.cpu.whisper;

import io.visionpipeline.cpu.vad.SileroVad;
import io.visionpipeline.cpu.vad.SpeechChunk;
import io.visionpipeline.cpu.vad.SpeechChunker;
import io.visionpipeline.cpu.vad.VadOptions;
import io.visionpipeline.cpu.vad.VadStream;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.speech.SpeechSegment;
import io.visionpipeline.speech.SpeechTranscriber;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.stage.StageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Speech to text with timestamps: Silero VAD finds the speech in the track as it streams in,
 * {@link SpeechChunker} cuts the audio at the VAD's boundaries into chunks of at most 30 s,
 * Whisper (whisper.cpp) transcribes the chunks on {@link WhisperOptions#parallelChunks()} threads
 * (each thread with its own native state on the shared weights), and segment and token times are
 * mapped back to media time. Memory stays bounded: at most one chunk more than there are threads
 * is held, plus the VAD's look-ahead.
 *
 * <pre>{@code
 * try (WhisperTranscriber whisper = WhisperTranscriber.open(
 *             WhisperModel.open(Path.of("ggml-base.en.bin"), "whisper-base.en"),
 *             SileroVad.open(ModelStore.defaults()), VadOptions.DEFAULT, WhisperOptions.DEFAULT);
 *      AudioReader audio = AudioReader.open(MediaSource.of(Path.of("talk.mp4")), Duration.ofSeconds(1))) {
 *     Transcript transcript = whisper.process(audio.track());
 * }
 * }</pre>
 *
 * Thread-safe: several tracks may be transcribed at once; their chunks share the threads.
 * The transcript's language is the one Whisper used for most of the speech (by duration).
 */
public final class WhisperTranscriber implements SpeechTranscriber {
    private static final Logger LOG = LoggerFactory.getLogger(WhisperTranscriber.class);
    /** Longest chunk: Whisper's window. */
    public static final Duration MAX_CHUNK = Duration.ofSeconds(30);

    private final WhisperModel model;
    private final SileroVad vad;
    private final VadOptions vadOptions;
    private final WhisperOptions options;
    private final ExecutorService workers;
    private final ThreadLocal<WhisperSession> session = new ThreadLocal<>();
    private volatile boolean closed;

    private WhisperTranscriber(WhisperModel model, SileroVad vad, VadOptions vadOptions, WhisperOptions options) {
        this.model = model;
        this.vad = vad;
        this.vadOptions = vadOptions;
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(options.parallelChunks(), r -> {
            Thread t = new Thread(r, "vp-whisper-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * @param model      the Whisper model; the transcriber owns and closes it
     * @param vad        the voice activity detector; the transcriber owns and closes it
     * @param vadOptions how speech is found
     * @param options    how Whisper decodes
     * @return the transcriber; close it
     * @throws IllegalArgumentException when the language is unknown to Whisper
     */
    public static WhisperTranscriber open(WhisperModel model, SileroVad vad, VadOptions vadOptions, WhisperOptions options) {
        model.checkLanguage(options.language());
        return new WhisperTranscriber(model, vad, vadOptions, options);
    }

    @Override
    public Transcript process(AudioTrack audio) {
        Run run = new Run(audio.media().mediaId());
        try {
            VadStream speech = vad.stream(vadOptions);
            SpeechChunker chunker = new SpeechChunker(MAX_CHUNK);
            while (audio.hasNext()) {
                AudioClip clip = audio.next();
                chunker.append(clip);
                for (SpeechSegment segment : speech.accept(clip)) {
                    run.submit(chunker.add(segment));
                }
                run.submit(chunker.advance(speech.undecidedFrom()));
            }
            for (SpeechSegment segment : speech.finish()) {
                run.submit(chunker.add(segment));
            }
            run.submit(chunker.finish());
            return run.transcript();
        } catch (InterruptedException e) {
            run.stop();
            Thread.currentThread().interrupt();
            throw new CancellationException("Transcription of '" + run.media + "' was interrupted");
        } catch (RuntimeException e) {
            run.stop();
            throw e;
        }
    }

    /** The chunks of one track: submitted in order, collected in order, at most threads + 1 in flight. */
    private final class Run {
        private final String media;
        private final AtomicBoolean abort = new AtomicBoolean();
        private final Deque<Future<ChunkTranscript>> inFlight = new ArrayDeque<>();
        private final List<TranscriptSegment> segments = new ArrayList<>();
        private final Map<String, Long> languageMillis = new HashMap<>();

        Run(String media) {
            this.media = media;
        }

        void submit(List<SpeechChunk> chunks) throws InterruptedException {
            for (SpeechChunk chunk : chunks) {
                while (inFlight.size() > options.parallelChunks()) {
                    collect();
                }
                LOG.debug("Transcribing {} of {}", chunk, media);
                inFlight.add(workers.submit(() -> transcribe(chunk)));
            }
        }

        Transcript transcript() throws InterruptedException {
            while (!inFlight.isEmpty()) {
                collect();
            }
            String language = languageMillis.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("");
            return new Transcript(segments.isEmpty() ? "" : language, segments);
        }

        private void collect() throws InterruptedException {
            try {
                ChunkTranscript chunk = inFlight.removeFirst().get();
                segments.addAll(chunk.segments());
                long millis = chunk.segments().stream().mapToLong(s -> s.duration().toMillis()).sum();
                if (!chunk.segments().isEmpty()) {
                    languageMillis.merge(chunk.language(), Math.max(1, millis), Long::sum);
                }
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException r && !(cause instanceof IllegalArgumentException)) {
                    throw r;
                }
                throw new StageException("Whisper failed on '" + media + "': " + cause, cause);
            }
        }

        private ChunkTranscript transcribe(SpeechChunk chunk) {
            if (abort.get()) {
                throw new CancellationException("transcription stopped");
            }
            try {
                return session().transcribe(chunk.samples(), chunk.start(), options, () -> abort.get() || closed);
            } catch (StageException e) {
                throw new StageException("Whisper failed on '" + media + "' at " + chunk + ": " + e.getMessage(), e);
            }
        }

        /** Drops the chunks still queued and makes whisper.cpp abort the running ones. */
        void stop() {
            abort.set(true);
            inFlight.forEach(f -> f.cancel(false));
            inFlight.clear();
        }
    }

    /** @return this worker thread's native state, created on first use */
    private WhisperSession session() {
        WhisperSession s = session.get();
        if (s == null) {
            s = model.newSession();
            session.set(s);
        }
        return s;
    }

    /** @return the Whisper model in use */
    public WhisperModel model() {
        return model;
    }

    @Override
    public String modelName() {
        return model.id() + " (" + model.hparams() + ") + " + SileroVad.MODEL_ID;
    }

    /** Stops the worker threads, then frees every native state, the weights and the VAD. Idempotent. */
    @Override
    public void close() {
        closed = true;
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("Whisper chunks still running after 60 s; the model is left loaded rather than freed in use");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        model.close();
        vad.close();
    }
}
