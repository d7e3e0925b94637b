package io.visionpipeline.core.decode;

import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes FFmpeg's log to SLF4J (logger {@code io.visionpipeline.core.decode.ffmpeg}) instead of
 * stderr, and remembers the last error FFmpeg logged on each thread so that a
 * {@link io.visionpipeline.media.MediaDecodeException} can say what FFmpeg saw.
 */
final class FFmpegLog extends LogCallback {
    private static final Logger LOG = LoggerFactory.getLogger("io.visionpipeline.core.decode.ffmpeg");
    private static final ThreadLocal<String> LAST_ERROR = new ThreadLocal<>();
    private static final FFmpegLog INSTANCE = new FFmpegLog();
    private static volatile boolean installed;

    private FFmpegLog() {
    }

    /** Installs the bridge once per JVM. */
    static void install() {
        if (!installed) {
            synchronized (FFmpegLog.class) {
                if (!installed) {
                    avutil.av_log_set_level(avutil.AV_LOG_WARNING);
                    avutil.setLogCallback(INSTANCE);
                    installed = true;
                }
            }
        }
    }

    /** @return the last error FFmpeg logged on this thread, or empty; clears it */
    static String takeLastError() {
        String error = LAST_ERROR.get();
        LAST_ERROR.remove();
        return error == null ? "" : error;
    }

    @Override
    public void call(int level, BytePointer message) {
        String text = message.getString().trim();
        if (text.isEmpty()) {
            return;
        }
        if (level <= avutil.AV_LOG_ERROR) {
            LAST_ERROR.set(text);
            LOG.debug("{}", text);
        } else {
            LOG.trace("{}", text);
        }
    }
}
