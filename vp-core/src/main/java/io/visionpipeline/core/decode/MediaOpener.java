package io.visionpipeline.core.decode;

import io.visionpipeline.media.MediaDecodeException;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.media.MediaSource;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FrameGrabber;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Opens any {@link MediaSource} with FFmpeg, turning every way it can fail into a
 * {@link MediaDecodeException} that names the media and the problem.
 */
final class MediaOpener {
    /** How long a network read may block before the open or read fails (URIs only). */
    static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<String> IMAGE_FORMATS = Set.of("image2", "gif", "webp", "apng");

    private MediaOpener() {
    }

    /**
     * @param source    the media
     * @param configure sets grabber options before it starts
     * @return a started grabber; the caller closes it
     * @throws MediaDecodeException naming the media when it cannot be opened
     */
    static FFmpegFrameGrabber open(MediaSource source, Consumer<FFmpegFrameGrabber> configure) {
        FFmpegLog.install();
        FFmpegFrameGrabber grabber = create(source);
        configure.accept(grabber);
        try {
            FFmpegLog.takeLastError();
            grabber.start();
        } catch (FrameGrabber.Exception | RuntimeException e) {
            closeQuietly(grabber);
            String ffmpeg = FFmpegLog.takeLastError();
            throw new MediaDecodeException(source.id(), "not a media file FFmpeg can read, or truncated"
                    + (ffmpeg.isEmpty() ? "" : " (FFmpeg: " + ffmpeg + ")"), e);
        }
        if (!grabber.hasVideo() && !grabber.hasAudio()) {
            closeQuietly(grabber);
            throw new MediaDecodeException(source.id(), "has no video or audio stream");
        }
        return grabber;
    }

    /**
     * @param source  the media
     * @param grabber a started grabber on it
     * @return what the grabber found
     */
    static MediaInfo describe(MediaSource source, FFmpegFrameGrabber grabber) {
        String format = grabber.getFormat();
        boolean image = grabber.hasVideo() && (IMAGE_FORMATS.contains(format) || format.endsWith("_pipe"));
        MediaKind kind = image ? MediaKind.IMAGE : grabber.hasVideo() ? MediaKind.VIDEO : MediaKind.AUDIO;
        long lengthMicros = image ? 0 : Math.max(0, grabber.getLengthInTime());
        double frameRate = grabber.hasVideo() && !image ? sane(grabber.getFrameRate()) : 0;
        long frameCount = image ? 1 : Math.round(lengthMicros / 1e6 * frameRate);
        boolean sideways = grabber.hasVideo() && rotation(grabber).swapsSides();
        int width = grabber.hasVideo() ? grabber.getImageWidth() : 0;
        int height = grabber.hasVideo() ? grabber.getImageHeight() : 0;
        return new MediaInfo(source.id(), kind, format, Duration.ofNanos(lengthMicros * 1000),
                sideways ? height : width, sideways ? width : height,
                frameRate, frameCount,
                grabber.hasVideo() ? nullToEmpty(grabber.getVideoCodecName()) : "",
                grabber.hasAudio() ? nullToEmpty(grabber.getAudioCodecName()) : "");
    }

    /**
     * @param grabber a started grabber
     * @return the container's start time in microseconds (0 when unknown): media time 0
     */
    static long startMicros(FFmpegFrameGrabber grabber) {
        long start = grabber.getFormatContext().start_time();
        return start == org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE ? 0 : start;
    }

    /**
     * @param grabber a started grabber with video
     * @return how its frames must be turned to be upright
     */
    static DisplayRotation rotation(FFmpegFrameGrabber grabber) {
        return DisplayRotation.ofDisplayMatrix(grabber.getDisplayRotation());
    }

    static void closeQuietly(FFmpegFrameGrabber grabber) {
        try {
            grabber.close();
        } catch (FrameGrabber.Exception | RuntimeException ignored) {
            // closing after a failure: the original error is what matters
        }
    }

    private static FFmpegFrameGrabber create(MediaSource source) {
        if (source instanceof MediaSource.FileSource file) {
            checkFile(file.path(), source.id());
            return new FFmpegFrameGrabber(file.path().toFile());
        }
        if (source instanceof MediaSource.UriSource uri) {
            FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(uri.uri().toString());
            grabber.setOption("rw_timeout", Long.toString(NETWORK_TIMEOUT.toNanos() / 1000));
            grabber.setTimeout((int) NETWORK_TIMEOUT.toMillis());
            return grabber;
        }
        if (source instanceof MediaSource.StreamSource stream) {
            InputStream in;
            try {
                in = stream.opener().get();
            } catch (RuntimeException e) {
                throw new MediaDecodeException(source.id(), "cannot open the stream: " + e.getMessage(), e);
            }
            if (in == null) {
                throw new MediaDecodeException(source.id(), "the stream opener returned null");
            }
            return new FFmpegFrameGrabber(in);
        }
        throw new MediaDecodeException(source.id(), "is a directory; analyse the files inside it one by one");
    }

    private static void checkFile(Path path, String id) {
        if (!Files.exists(path)) {
            throw new MediaDecodeException(id, "the file does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new MediaDecodeException(id, "is a directory, not a media file");
        }
        if (!Files.isReadable(path)) {
            throw new MediaDecodeException(id, "the file is not readable (check its permissions)");
        }
        try {
            if (Files.size(path) == 0) {
                throw new MediaDecodeException(id, "the file is empty (0 bytes)");
            }
        } catch (IOException e) {
            throw new MediaDecodeException(id, "cannot read the file size: " + e.getMessage(), e);
        }
    }

    private static double sane(double rate) {
        return Double.isFinite(rate) && rate > 0 && rate < 1000 ? rate : 0;
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
