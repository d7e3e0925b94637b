package io.visionpipeline.core.decode;

import io.visionpipeline.core.sampling.FrameSampler;
import io.visionpipeline.media.ImageFrame;
import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.sampling.FrameSampling;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Streams the sampled frames of one media as RGB {@link ImageFrame}s, never holding more than the
 * current frame. Every frame is decoded (codecs need it), but a frame the sampler skips is never
 * converted to RGB or copied out of FFmpeg's buffers. Frames of videos with a display rotation
 * (phone videos) are turned upright, as players show them.
 *
 * <pre>{@code
 * try (FrameReader reader = FrameReader.open(MediaSource.of(path), FrameSampling.every(Duration.ofSeconds(1)))) {
 *     for (ImageFrame frame = reader.next(); frame != null; frame = reader.next()) {
 *         analyse(frame);
 *     }
 * }
 * }</pre>
 *
 * Not thread-safe: one reader per thread.
 */
public final class FrameReader implements AutoCloseable {
    /** Decoder option: number of decoding threads; 0 lets FFmpeg choose. */
    public static final int AUTO_THREADS = 0;

    private final MediaSource source;
    private final FFmpegFrameGrabber grabber;
    private final MediaInfo media;
    private final FrameSampler sampler;
    private final PictureConverter converter = new PictureConverter();
    private final long startMicros;
    private final DisplayRotation rotation;
    private final List<String> warnings = new ArrayList<>();
    private long decodedFrames;
    private long sampledFrames;
    private long lastTimestampMicros;
    private long decodeNanos;
    private boolean finished;

    private FrameReader(MediaSource source, FFmpegFrameGrabber grabber, FrameSampling sampling) {
        this.source = source;
        this.grabber = grabber;
        this.media = MediaOpener.describe(source, grabber);
        if (!grabber.hasVideo()) {
            MediaOpener.closeQuietly(grabber);
            throw new MediaDecodeException(source.id(), "has no video stream or image (audio only)");
        }
        this.sampler = FrameSampler.create(sampling, media);
        this.rotation = MediaOpener.rotation(grabber);
        this.startMicros = MediaOpener.startMicros(grabber);
    }

    /**
     * Opens a media for frame reading with FFmpeg choosing the number of decoding threads.
     *
     * @param source   the media
     * @param sampling which frames to return
     * @return the reader; close it
     * @throws MediaDecodeException naming the media when it cannot be opened or has no video
     */
    public static FrameReader open(MediaSource source, FrameSampling sampling) {
        return open(source, sampling, AUTO_THREADS);
    }

    /**
     * @param source         the media
     * @param sampling       which frames to return
     * @param decoderThreads decoding threads, or {@link #AUTO_THREADS}
     * @return the reader; close it
     * @throws MediaDecodeException naming the media when it cannot be opened or has no video
     */
    public static FrameReader open(MediaSource source, FrameSampling sampling, int decoderThreads) {
        FFmpegFrameGrabber grabber = MediaOpener.open(source, g -> {
            g.setImageMode(FrameGrabber.ImageMode.RAW);
            if (decoderThreads > 0) {
                g.setVideoOption("threads", Integer.toString(decoderThreads));
            }
        });
        return new FrameReader(source, grabber, sampling);
    }

    /** @return what is being read */
    public MediaInfo media() {
        return media;
    }

    /** @return an estimate of how many frames {@link #next()} will return, 0 when unknown */
    public long expectedFrames() {
        return media.kind() == MediaKind.IMAGE ? 1 : sampler.expectedFrames();
    }

    /**
     * @return the next sampled frame, or null at the end of the media
     * @throws MediaDecodeException when no frame at all can be decoded
     */
    public ImageFrame next() {
        if (finished) {
            return null;
        }
        long started = System.nanoTime();
        try {
            while (true) {
                Frame frame = grab();
                if (frame == null) {
                    finish();
                    return null;
                }
                AVFrame picture = (AVFrame) frame.opaque;
                long index = decodedFrames++;
                long micros = mediaTime(frame.timestamp, index);
                lastTimestampMicros = micros;
                if (sampler.accept(index, micros, () -> converter.toGreyThumbnail(picture))) {
                    sampledFrames++;
                    if (media.kind() == MediaKind.IMAGE) {
                        finished = true;
                    }
                    byte[] rgb = rotation.apply(converter.toRgb(picture), picture.width(), picture.height());
                    return rotation.swapsSides()
                            ? new ImageFrame(picture.height(), picture.width(), rgb, index, Duration.ofNanos(micros * 1000))
                            : new ImageFrame(picture.width(), picture.height(), rgb, index, Duration.ofNanos(micros * 1000));
                }
            }
        } finally {
            decodeNanos += System.nanoTime() - started;
        }
    }

    /**
     * Media time of a decoded frame: its timestamp from the stream's start; a frame without a
     * usable timestamp (some flushed or broken frames) is placed one frame after the previous one.
     */
    private long mediaTime(long timestamp, long index) {
        long micros = timestamp - startMicros;
        if (index > 0 && (micros < lastTimestampMicros || micros > lastTimestampMicros + 3_600_000_000L)) {
            micros = lastTimestampMicros + (media.frameRate() > 0 ? Math.round(1e6 / media.frameRate()) : 0);
        }
        return Math.max(0, micros);
    }

    private Frame grab() {
        try {
            FFmpegLog.takeLastError();
            Frame frame = grabber.grabImage();
            if (frame != null && !(frame.opaque instanceof AVFrame)) {
                throw new MediaDecodeException(source.id(), "the decoder returned a frame without a picture");
            }
            return frame;
        } catch (FrameGrabber.Exception e) {
            if (decodedFrames == 0) {
                throw new MediaDecodeException(source.id(), "no frame could be decoded: " + e.getMessage(), e);
            }
            warnings.add(String.format(Locale.ROOT, "decoding stopped at %.2f s: %s", lastTimestampMicros / 1e6, e.getMessage()));
            return null;
        }
    }

    private void finish() {
        finished = true;
        if (decodedFrames == 0) {
            String ffmpeg = FFmpegLog.takeLastError();
            throw new MediaDecodeException(source.id(), (media.videoCodec().equals("webp")
                    ? "no frame could be decoded; an animated WebP? FFmpeg's WebP decoder reads still images only: convert it to GIF or MP4"
                    : "no frame could be decoded; the file is truncated or corrupt")
                    + (ffmpeg.isEmpty() ? "" : " (FFmpeg: " + ffmpeg + ")"));
        }
        long durationMicros = media.duration().toNanos() / 1000;
        double frameMicros = media.frameRate() > 0 ? 1e6 / media.frameRate() : 0;
        if (media.kind() == MediaKind.VIDEO && durationMicros > 0
                && lastTimestampMicros + 2 * frameMicros + 500_000 < durationMicros) {
            warnings.add(String.format(Locale.ROOT,
                    "decoding ended at %.2f s of a %.2f s media: the file may be truncated", lastTimestampMicros / 1e6, durationMicros / 1e6));
        }
    }

    /** @return frames decoded so far (sampled or not) */
    public long decodedFrames() {
        return decodedFrames;
    }

    /** @return frames returned so far */
    public long sampledFrames() {
        return sampledFrames;
    }

    /** @return time spent demuxing, decoding and converting so far */
    public Duration decodeTime() {
        return Duration.ofNanos(decodeNanos);
    }

    /** @return problems met that did not stop reading (e.g. a truncated file) */
    public List<String> warnings() {
        return List.copyOf(warnings);
    }

    @Override
    public void close() {
        converter.close();
        MediaOpener.closeQuietly(grabber);
    }
}
