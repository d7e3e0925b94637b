package io.visionpipeline.core.engine;

import com.google.auto.service.AutoService;
import io.visionpipeline.StageKinds;
import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.speech.SpeechTranscriber;
import io.visionpipeline.speech.Transcript;
import io.visionpipeline.speech.TranscriptSegment;
import io.visionpipeline.stage.StageException;
import io.visionpipeline.stage.StageOptions;
import io.visionpipeline.stage.StageProvider;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An engine probe, not a model: a "transcriber" that turns every audio clip it reads into one
 * segment spanning the clip, and records how the engine drives it (clips read, threads, sample
 * rates). It can be told to be slow or to fail. The real transcriber is tested in vp-backend-cpu.
 * Priority -1: never chosen unless named.
 */
final class ProbeTranscriber extends ProbeStage implements SpeechTranscriber {
    /** What one probe (by its {@code probe} option) observed. */
    static final class Record {
        final AtomicLong clipsSeen = new AtomicLong();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Integer> sampleRates = new CopyOnWriteArrayList<>();
        final AtomicInteger closed = new AtomicInteger();
    }

    private static final Map<String, Record> RECORDS = new ConcurrentHashMap<>();

    private final Record record;
    private final long delayMillis;
    private final long failAtClip;

    private ProbeTranscriber(StageOptions options) {
        this(record(options.get("probe", "default")), options);
    }

    private ProbeTranscriber(Record record, StageOptions options) {
        super(record.closed);
        this.record = record;
        this.delayMillis = options.getInt("delayMillis", 0);
        this.failAtClip = options.getInt("failAtClip", -1);
    }

    static Record record(String probe) {
        return RECORDS.computeIfAbsent(probe, p -> new Record());
    }

    @Override
    public Transcript process(AudioTrack audio) {
        record.threads.add(Thread.currentThread().getName());
        List<TranscriptSegment> segments = new ArrayList<>();
        while (audio.hasNext()) {
            AudioClip clip = audio.next();
            record.sampleRates.add(clip.sampleRate());
            if (segments.size() == failAtClip) {
                throw new StageException("probe told to fail at clip " + failAtClip);
            }
            if (delayMillis > 0) {
                try {
                    Thread.sleep(delayMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new StageException("interrupted", e);
                }
            }
            record.clipsSeen.incrementAndGet();
            segments.add(new TranscriptSegment(clip.start(), clip.end(), "clip " + segments.size(), 1, List.of()));
        }
        return new Transcript(segments.isEmpty() ? "" : "xx", segments);
    }

    /** Registers the probe as the {@code probe} provider of the speech kind. */
    @AutoService(StageProvider.class)
    public static final class Provider extends ProbeProvider<SpeechTranscriber> {
        /** The provider. */
        public Provider() {
            super(StageKinds.SPEECH, Set.of("probe", "delayMillis", "failAtClip"), ProbeTranscriber::new);
        }
    }
}
