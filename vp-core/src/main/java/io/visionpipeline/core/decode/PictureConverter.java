package io.visionpipeline.core.decode;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

import static org.bytedeco.ffmpeg.global.swscale.SWS_AREA;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BILINEAR;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

/**
 * Converts decoded pictures (in whatever pixel format the codec produced) with FFmpeg's swscale:
 * to packed RGB24 at full size for sampled frames, and to a tiny grey thumbnail for scene-change
 * detection. Native buffers are reused; one converter per decoder thread. Not thread-safe.
 */
final class PictureConverter implements AutoCloseable {
    /** Width of the grey thumbnail used for scene-change detection. */
    static final int THUMB_WIDTH = 64;
    /** Height of the grey thumbnail used for scene-change detection. */
    static final int THUMB_HEIGHT = 36;

    private final Target rgb = new Target(avutil.AV_PIX_FMT_RGB24, 3, SWS_BILINEAR);
    private final Target grey = new Target(avutil.AV_PIX_FMT_GRAY8, 1, SWS_AREA);

    /**
     * @param picture a decoded picture
     * @return its pixels as packed RGB, width × height × 3 bytes
     */
    byte[] toRgb(AVFrame picture) {
        return rgb.convert(picture, picture.width(), picture.height());
    }

    /**
     * @param picture a decoded picture
     * @return a {@value #THUMB_WIDTH}×{@value #THUMB_HEIGHT} grey thumbnail
     */
    byte[] toGreyThumbnail(AVFrame picture) {
        return grey.convert(picture, THUMB_WIDTH, THUMB_HEIGHT);
    }

    @Override
    public void close() {
        rgb.close();
        grey.close();
    }

    /** One output format with its cached swscale context and native buffer. */
    private static final class Target implements AutoCloseable {
        private static final int ALIGN = 64;
        private final int pixelFormat;
        private final int bytesPerPixel;
        private final int flags;
        private SwsContext context;
        private BytePointer buffer;
        // swscale reads four plane pointers and four line sizes: unused ones must be null / 0
        private final IntPointer lineSize = new IntPointer(0, 0, 0, 0);
        private final PointerPointer<BytePointer> planes = new PointerPointer<>(4L);

        Target(int pixelFormat, int bytesPerPixel, int flags) {
            planes.zero();
            this.pixelFormat = pixelFormat;
            this.bytesPerPixel = bytesPerPixel;
            this.flags = flags;
        }

        byte[] convert(AVFrame picture, int width, int height) {
            context = sws_getCachedContext(context, picture.width(), picture.height(), picture.format(),
                    width, height, pixelFormat, flags, null, null, (DoublePointer) null);
            if (context == null) {
                throw new IllegalStateException("swscale cannot convert pixel format "
                        + avutil.av_get_pix_fmt_name(picture.format()).getString() + " at " + picture.width() + "x" + picture.height());
            }
            // swscale's SIMD code writes whole vectors: rows must be aligned and the buffer padded
            int rowBytes = width * bytesPerPixel;
            int stride = (rowBytes + ALIGN - 1) / ALIGN * ALIGN;
            long size = (long) stride * height + ALIGN;
            if (buffer == null || buffer.capacity() < size) {
                if (buffer != null) {
                    avutil.av_free(buffer.position(0));
                }
                buffer = new BytePointer(avutil.av_malloc(size)).capacity(size);
                planes.put(0, buffer);
            }
            lineSize.put(0, stride);
            // an AVFrame starts with its data[] array of plane pointers, so it is read as one
            sws_scale(context, new PointerPointer<BytePointer>(picture), picture.linesize(), 0, picture.height(),
                    planes, lineSize);
            byte[] out = new byte[rowBytes * height];
            for (int y = 0; y < height; y++) {
                buffer.position((long) y * stride).get(out, y * rowBytes, rowBytes);
            }
            return out;
        }

        @Override
        public void close() {
            if (context != null) {
                sws_freeContext(context);
                context = null;
            }
            if (buffer != null) {
                avutil.av_free(buffer.position(0));
                buffer = null;
            }
            lineSize.close();
            planes.close();
        }
    }
}
