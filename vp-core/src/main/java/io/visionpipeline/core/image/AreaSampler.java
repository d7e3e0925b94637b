package io.visionpipeline.core.image;

import io.visionpipeline.media.ImageFrame;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * {@link Resampling#AREA_SAMPLED_OR_BILINEAR} when shrinking by more than 2×: each output pixel
 * the mean of a grid of at most n×n ({@link Resampling#AREA_SAMPLED_OR_BILINEAR}: 4,
 * {@link Resampling#AREA_SAMPLED_3X3_OR_BILINEAR}: 3) evenly spaced source pixels of its area ({@link Axis#samples}); padding black. The cost depends
 * on the model input's size, not the frame's.
 */
final class AreaSampler {
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    /** How many output rows ahead the frame rows are fetched ({@link RowPrefetch}). */
    private static final int ROWS_AHEAD = 2;

    private AreaSampler() {
    }

    /**
     * @param frame  source frame
     * @param box    where it lands in the input, shrinking it more than 2× on at least one axis
     * @param n      most pixels averaged per axis
     * @param writer receives the output pixels
     */
    static void pack(ImageFrame frame, Letterbox box, int n, TensorWriter writer) {
        int w = box.targetWidth();
        int h = box.targetHeight();
        Axis xs = Axis.of(box.padX(), box.scaleX(), w, frame.width(), true);
        Axis ys = Axis.of(box.padY(), box.scaleY(), h, frame.height(), true);
        int[][] rowSamples = ys.samples(n, frame.width() * 3);
        int[][] columnSamples = xs.samples(n, 3);
        // columns flattened, n per output column, so the inner loop reads one array
        int[] columns = new int[n * w];
        int[] counts = new int[w];
        for (int ox = 0; ox < w; ox++) {
            counts[ox] = columnSamples[ox].length;
            System.arraycopy(columnSamples[ox], 0, columns, n * ox, counts[ox]);
        }
        // the bytes of each sampled row that the grid reads
        int from = Integer.MAX_VALUE;
        int to = 0;
        for (int ox = 0; ox < w; ox++) {
            if (counts[ox] > 0) {
                from = Math.min(from, columns[n * ox]);
                to = Math.max(to, columns[n * ox + counts[ox] - 1] + 3);
            }
        }
        byte[] rgb = frame.rgb();
        for (int oy = 0; oy < h; oy++) {
            int[] rows = rowSamples[oy];
            if (n == 4 && oy + ROWS_AHEAD < h) {
                // fetch the rows of a later output row while this one is summed (BlazeFace's 3x3 grid
                // gained nothing by it: 0.96-1.08x)
                for (int row : rowSamples[oy + ROWS_AHEAD]) {
                    RowPrefetch.touch(rgb, row + from, row + to);
                }
            }
            if (rows.length == 0) {
                writer.blackRow(oy);
                continue;
            }
            for (int ox = 0; ox < w; ox++) {
                int nx = counts[ox];
                if (nx == 0) {
                    writer.write(ox, oy, 0, 0, 0);
                    continue;
                }
                int c = n * ox;
                if (nx == 4 && rows.length == 4 && rows[3] + columns[c + 3] + 4 <= rgb.length) {
                    // the common case unrolled: 16 reads of four bytes (R, G, B and the next pixel's
                    // R), red and blue summed in the two 16-bit lanes of one int, green alone
                    int c0 = columns[c];
                    int c1 = columns[c + 1];
                    int c2 = columns[c + 2];
                    int c3 = columns[c + 3];
                    int redBlue = 0;
                    int green = 0;
                    for (int j = 0; j < 4; j++) {
                        int row = rows[j];
                        int v0 = (int) INT.get(rgb, row + c0);
                        int v1 = (int) INT.get(rgb, row + c1);
                        int v2 = (int) INT.get(rgb, row + c2);
                        int v3 = (int) INT.get(rgb, row + c3);
                        redBlue += (v0 & 0x00FF00FF) + (v1 & 0x00FF00FF) + (v2 & 0x00FF00FF) + (v3 & 0x00FF00FF);
                        green += ((v0 >>> 8) & 0xFF) + ((v1 >>> 8) & 0xFF) + ((v2 >>> 8) & 0xFF) + ((v3 >>> 8) & 0xFF);
                    }
                    writer.write(ox, oy, (redBlue & 0xFFFF) / 16f, green / 16f, (redBlue >>> 16) / 16f);
                    continue;
                }
                if (nx == 3 && rows.length == 3 && rows[2] + columns[c + 2] + 4 <= rgb.length) {
                    // the same for the 3x3 grid (one loop over any grid was 1.4x slower: PackBenchmark)
                    int c0 = columns[c];
                    int c1 = columns[c + 1];
                    int c2 = columns[c + 2];
                    int redBlue = 0;
                    int green = 0;
                    for (int j = 0; j < 3; j++) {
                        int row = rows[j];
                        int v0 = (int) INT.get(rgb, row + c0);
                        int v1 = (int) INT.get(rgb, row + c1);
                        int v2 = (int) INT.get(rgb, row + c2);
                        redBlue += (v0 & 0x00FF00FF) + (v1 & 0x00FF00FF) + (v2 & 0x00FF00FF);
                        green += ((v0 >>> 8) & 0xFF) + ((v1 >>> 8) & 0xFF) + ((v2 >>> 8) & 0xFF);
                    }
                    writer.write(ox, oy, (redBlue & 0xFFFF) / 9f, green / 9f, (redBlue >>> 16) / 9f);
                    continue;
                }
                int r = 0;
                int g = 0;
                int b = 0;
                for (int row : rows) {
                    for (int k = 0; k < nx; k++) {
                        int i = row + columns[c + k];
                        r += rgb[i] & 0xFF;
                        g += rgb[i + 1] & 0xFF;
                        b += rgb[i + 2] & 0xFF;
                    }
                }
                float count = rows.length * nx;
                writer.write(ox, oy, r / count, g / count, b / count);
            }
        }
    }
}
