package io.visionpipeline.core.decode;

import io.visionpipeline.media.AudioClip;
import io.visionpipeline.media.AudioTrack;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaSource;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.nio.FloatBuffer;
import java.time.Duration;
import java.util.NoSuchElementException;

/**
 * Streams the audio track of any media FFmpeg reads (mp4, mkv, webm, mov, avi, wav, mp3, flac,
 * ogg/opus, m4a, …) as 16 kHz mono float {@link AudioClip}s of a fixed length (the last one
 * shorter), resampled by FFmpeg's swresample. Holds at most about two clips. Media without audio,
 * and images, yield no clips. {@link #track()} gives the same clips as an {@link AudioTrack}.
 *
 * <pre>{@code
 * try (AudioReader audio = AudioReader.open(MediaSource.of(path), Duration.ofSeconds(30))) {
 *     for (AudioClip clip = audio.next(); clip != null; clip = audio.next()) {
 *         transcribe(clip);
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe: one reader per thread.
 */
public final class AudioReader implements AutoCloseable {
    private final MediaSource source;
    private final FFmpegFrameGrabber grabber;
    private final MediaInfo media;
    private final int clipSamples;
    private final long startMicros;
    private float[] pending;
    private int pendingCount;
    private long emittedSamples;
    private long decodeNanos;
    private boolean finished;

    private AudioReader(MediaSource source, FFmpegFrameGrabber grabber, Duration clipLength) {
        this.source = source;
        this.grabber = grabber;
        this.media = MediaOpener.describe(source, grabber);
        this.clipSamples = (int) Math.max(1, clipLength.toNanos() * AudioClip.SPEECH_SAMPLE_RATE / 1_000_000_000L);
        this.pending = new float[clipSamples];
        this.finished = !grabber.hasAudio();
        this.startMicros = MediaOpener.startMicros(grabber);
    }

    /**
     * @param source     the media
     * @param clipLength length of each clip (the last may be shorter)
     * @return the reader; close it
     * @throws MediaDecodeException naming the media when it cannot be opened
     */
    public static AudioReader open(MediaSource source, Duration clipLength) {
        if (clipLength.isNegative() || clipLength.isZero()) {
            throw new IllegalArgumentException("clipLength must be positive: " + clipLength);
        }
        FFmpegFrameGrabber grabber = MediaOpener.open(source, g -> {
            g.setSampleRate(AudioClip.SPEECH_SAMPLE_RATE);
            g.setAudioChannels(1);
            g.setSampleFormat(avutil.AV_SAMPLE_FMT_FLT);
        });
        return new AudioReader(source, grabber, clipLength);
    }

    /** @return what is being read */
    public MediaInfo media() {
        return media;
    }

    /**
     * @return the next clip, or null at the end of the audio (at once when there is none)
     * @throws MediaDecodeException when the audio cannot be decoded at all
     */
    public AudioClip next() {
        long started = System.nanoTime();
        try {
            return readClip();
        } finally {
            decodeNanos += System.nanoTime() - started;
        }
    }

    /** @return time spent demuxing, decoding and resampling so far */
    public Duration decodeTime() {
        return Duration.ofNanos(decodeNanos);
    }

    /**
     * @return the clips still to come as a track (a view: it reads from this reader, which stays
     *         the one to close)
     */
    public AudioTrack track() {
        return new AudioTrack() {
            private AudioClip ahead;

            @Override
            public MediaInfo media() {
                return media;
            }

            @Override
            public boolean hasNext() {
                if (ahead == null) {
                    ahead = AudioReader.this.next();
                }
                return ahead != null;
            }

            @Override
            public AudioClip next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                AudioClip clip = ahead;
                ahead = null;
                return clip;
            }
        };
    }

    private AudioClip readClip() {
        while (!finished && pendingCount < clipSamples) {
            Frame frame = grab();
            if (frame == null) {
                finished = true;
                break;
            }
            if (emittedSamples == 0 && pendingCount == 0) {
                emittedSamples = Math.max(0, (frame.timestamp - startMicros)) * AudioClip.SPEECH_SAMPLE_RATE / 1_000_000L;
            }
            FloatBuffer samples = (FloatBuffer) frame.samples[0];
            while (samples.hasRemaining()) {
                if (pendingCount == pending.length) {
                    pending = java.util.Arrays.copyOf(pending, pending.length + clipSamples);
                }
                int n = Math.min(samples.remaining(), pending.length - pendingCount);
                samples.get(pending, pendingCount, n);
                pendingCount += n;
            }
        }
        if (pendingCount == 0) {
            return null;
        }
        int n = Math.min(pendingCount, clipSamples);
        float[] clip = java.util.Arrays.copyOf(pending, n);
        System.arraycopy(pending, n, pending, 0, pendingCount - n);
        pendingCount -= n;
        Duration start = Duration.ofNanos(emittedSamples * 1_000_000_000L / AudioClip.SPEECH_SAMPLE_RATE);
        emittedSamples += n;
        return new AudioClip(clip, AudioClip.SPEECH_SAMPLE_RATE, start);
    }

    private Frame grab() {
        try {
            Frame frame;
            do {
                frame = grabber.grabSamples();
            } while (frame != null && (frame.samples == null || frame.samples.length == 0));
            return frame;
        } catch (FrameGrabber.Exception e) {
            if (emittedSamples == 0 && pendingCount == 0) {
                throw new MediaDecodeException(source.id(), "the audio track cannot be decoded: " + e.getMessage(), e);
            }
            return null;
        }
    }

    @Override
    public void close() {
        MediaOpener.closeQuietly(grabber);
    }
}
