package io.visionpipeline.core.vision;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the 8-connected regions ("blobs") of a thresholded map, such as a segmentation model's
 * probability map, in raster order of their first pixel. Each blob keeps what shape fitting needs:
 * its pixel count, the mean of the map over its pixels, its bounds and its outline (the centres of
 * the left- and rightmost pixel of each of its rows, which have the same convex hull as the whole
 * blob).
 *
 * <pre>{@code
 * for (Blobs.Blob blob : Blobs.find(probabilities, width, height, 0.3f, 1000)) {
 *     RotatedRect box = RotatedRect.enclosing(blob.outline());
 * }
 * }</pre>
 */
public final class Blobs {
    private Blobs() {
    }

    /**
     * One connected region.
     *
     * @param pixels  how many pixels it has
     * @param mean    the mean map value over its pixels
     * @param minX    leftmost pixel column
     * @param minY    top pixel row
     * @param maxX    rightmost pixel column
     * @param maxY    bottom pixel row
     * @param outline pixel centres ({@code x + 0.5, y + 0.5}) of the row ends, interleaved x/y
     */
    public record Blob(int pixels, double mean, int minX, int minY, int maxX, int maxY, double[] outline) {
    }

    /**
     * @param map       values, row by row
     * @param width     map width
     * @param height    map height
     * @param threshold a pixel belongs to a blob when its value is above this
     * @param maxBlobs  stop after this many blobs
     * @return the blobs, in raster order of their first pixel
     */
    public static List<Blob> find(float[] map, int width, int height, float threshold, int maxBlobs) {
        if (map.length < (long) width * height) {
            throw new IllegalArgumentException("map has " + map.length + " values, expected " + (long) width * height);
        }
        boolean[] seen = new boolean[width * height];
        int[] queue = new int[width * height];
        List<Blob> blobs = new ArrayList<>();
        for (int start = 0; start < width * height && blobs.size() < maxBlobs; start++) {
            if (seen[start] || !(map[start] > threshold)) {
                continue;
            }
            int size = flood(map, width, height, threshold, start, seen, queue);
            blobs.add(describe(map, queue, size, width));
        }
        return blobs;
    }

    /** Breadth-first flood fill from one pixel; the blob's pixels end up in {@code queue[0, size)}. */
    private static int flood(float[] map, int width, int height, float threshold, int start, boolean[] seen, int[] queue) {
        int head = 0;
        int tail = 0;
        queue[tail++] = start;
        seen[start] = true;
        while (head < tail) {
            int p = queue[head++];
            int x = p % width;
            int y = p / width;
            for (int dy = -1; dy <= 1; dy++) {
                int ny = y + dy;
                if (ny < 0 || ny >= height) {
                    continue;
                }
                for (int dx = -1; dx <= 1; dx++) {
                    int nx = x + dx;
                    int q = ny * width + nx;
                    if (nx >= 0 && nx < width && !seen[q] && map[q] > threshold) {
                        seen[q] = true;
                        queue[tail++] = q;
                    }
                }
            }
        }
        return tail;
    }

    private static Blob describe(float[] map, int[] pixels, int size, int width) {
        double sum = 0;
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = Integer.MIN_VALUE;
        int maxY = Integer.MIN_VALUE;
        for (int i = 0; i < size; i++) {
            int x = pixels[i] % width;
            int y = pixels[i] / width;
            sum += map[pixels[i]];
            minX = Math.min(minX, x);
            maxX = Math.max(maxX, x);
            minY = Math.min(minY, y);
            maxY = Math.max(maxY, y);
        }
        int rows = maxY - minY + 1;
        int[] left = new int[rows];
        int[] right = new int[rows];
        Arrays.fill(left, Integer.MAX_VALUE);
        Arrays.fill(right, Integer.MIN_VALUE);
        for (int i = 0; i < size; i++) {
            int x = pixels[i] % width;
            int r = pixels[i] / width - minY;
            left[r] = Math.min(left[r], x);
            right[r] = Math.max(right[r], x);
        }
        double[] outline = new double[rows * 4];
        for (int r = 0; r < rows; r++) {
            double y = minY + r + 0.5;
            outline[4 * r] = left[r] + 0.5;
            outline[4 * r + 1] = y;
            outline[4 * r + 2] = right[r] + 0.5;
            outline[4 * r + 3] = y;
        }
        return new Blob(size, sum / size, minX, minY, maxX, maxY, outline);
    }
}
