package io.visionpipeline.core.image;

import io.visionpipeline.media.ImageFrame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link Resampling#AREA_SAMPLED_OR_BILINEAR} when shrinking by more than 2×: each output pixel
 * the mean of a grid of at most {@value ImageTensors#AREA_SAMPLES}×{@value ImageTensors#AREA_SAMPLES}
 * evenly spaced source pixels of its area ({@link Axis#samples}); padding black. The cost depends
 * on the model input's size, not the frame's.
 */
final class AreaSampler {
    private static final int N = ImageTensors.AREA_SAMPLES;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private AreaSampler() {
    }

    /**
     * @param frame  source frame
     * @param box    where it lands in the input, shrinking it more than 2× on at least one axis
     * @param writer receives the output pixels
     */
    static void pack(ImageFrame frame, Letterbox box, TensorWriter writer) {
        int w = box.targetWidth();
        int h = box.targetHeight();
        Axis xs = Axis.of(box.padX(), box.scaleX(), w, frame.width(), true);
        Axis ys = Axis.of(box.padY(), box.scaleY(), h, frame.height(), true);
        int[][] rowSamples = ys.samples(frame.width() * 3);
        int[][] columnSamples = xs.samples(3);
        // columns flattened, N per output column, so the inner loop reads one array
        int[] columns = new int[N * w];
        int[] counts = new int[w];
        for (int ox = 0; ox < w; ox++) {
            counts[ox] = columnSamples[ox].length;
            System.arraycopy(columnSamples[ox], 0, columns, N * ox, counts[ox]);
        }
        byte[] rgb = frame.rgb();
        for (int oy = 0; oy < h; oy++) {
            int[] rows = rowSamples[oy];
            for (int ox = 0; ox < w; ox++) {
                int nx = counts[ox];
                if (rows.length == 0 || nx == 0) {
                    writer.write(ox, oy, 0, 0, 0);
                    continue;
                }
                int c = N * ox;
                int r = 0;
                int g = 0;
                int b = 0;
                if (nx == N && rows[rows.length - 1] + columns[c + N - 1] + 4 <= rgb.length) {
                    // four bytes per read (R, G, B and the next pixel's R): red and blue summed in the
                    // two 16-bit lanes of one int, green alone; at most 16 × 255 per lane
                    int redBlue = 0;
                    for (int row : rows) {
                        int v0 = (int) INT.get(rgb, row + columns[c]);
                        int v1 = (int) INT.get(rgb, row + columns[c + 1]);
                        int v2 = (int) INT.get(rgb, row + columns[c + 2]);
                        int v3 = (int) INT.get(rgb, row + columns[c + 3]);
                        redBlue += (v0 & 0x00FF00FF) + (v1 & 0x00FF00FF) + (v2 & 0x00FF00FF) + (v3 & 0x00FF00FF);
                        g += ((v0 >>> 8) & 0xFF) + ((v1 >>> 8) & 0xFF) + ((v2 >>> 8) & 0xFF) + ((v3 >>> 8) & 0xFF);
                    }
                    r = redBlue & 0xFFFF;
                    b = redBlue >>> 16;
                } else {
                    for (int row : rows) {
                        for (int k = 0; k < nx; k++) {
                            int i = row + columns[c + k];
                            r += rgb[i] & 0xFF;
                            g += rgb[i + 1] & 0xFF;
                            b += rgb[i + 2] & 0xFF;
                        }
                    }
                }
                float n = rows.length * nx;
                writer.write(ox, oy, r / n, g / n, b / n);
            }
        }
    }
}
