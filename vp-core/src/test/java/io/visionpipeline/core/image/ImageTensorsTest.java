package io.visionpipeline.core.image;

import io.visionpipeline.geometry.Point;
import io.visionpipeline.media.ImageFrame;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ImageTensorsTest {

    /** A 4×2 frame whose red channel counts pixels 0..7 row by row (times 10). */
    private static ImageFrame counting() {
        byte[] rgb = new byte[4 * 2 * 3];
        for (int i = 0; i < 8; i++) {
            rgb[3 * i] = (byte) (10 * i);
        }
        return ImageFrame.ofRgb(4, 2, rgb);
    }

    private static float[] redPlane(ImageRegion region, int tensorWidth, int tensorHeight) {
        float[] out = new float[3 * tensorWidth * tensorHeight];
        java.util.Arrays.fill(out, -7);
        ImageTensors.pack(counting(), region, Normalization.RAW, TensorLayout.NCHW, out, 0, tensorWidth, tensorHeight);
        return java.util.Arrays.copyOf(out, tensorWidth * tensorHeight);
    }

    @Test
    void theWholeFrameAtItsOwnSizeIsCopiedExactly() {
        ImageRegion whole = ImageRegion.of(new Point(0, 0), new Point(4, 0), new Point(0, 2), 4, 2);
        assertThat(redPlane(whole, 4, 2)).containsExactly(0, 10, 20, 30, 40, 50, 60, 70);
    }

    @Test
    void turningARegionReordersPixelsWithoutCopyingTheFrame() {
        ImageRegion whole = ImageRegion.of(new Point(0, 0), new Point(4, 0), new Point(0, 2), 4, 2);
        assertThat(redPlane(whole.rotated180(), 4, 2)).containsExactly(70, 60, 50, 40, 30, 20, 10, 0);
        ImageRegion quarter = whole.rotated90CounterClockwise();
        assertThat(quarter.width()).isEqualTo(2);
        assertThat(quarter.height()).isEqualTo(4);
        // numpy.rot90 of [[0,1,2,3],[4,5,6,7]] is [[3,7],[2,6],[1,5],[0,4]]
        assertThat(redPlane(quarter, 2, 4)).containsExactly(30, 70, 20, 60, 10, 50, 0, 40);
    }

    @Test
    void aRegionFillsOnlyTheTopLeftOfALargerInputAndAveragesWhenShrunk() {
        ImageRegion half = ImageRegion.of(new Point(0, 0), new Point(4, 0), new Point(0, 2), 2, 1);
        float[] plane = redPlane(half, 3, 2);
        assertThat(plane[0]).isCloseTo((0 + 10 + 40 + 50) / 4f, within(1e-4f));
        assertThat(plane[1]).isCloseTo((20 + 30 + 60 + 70) / 4f, within(1e-4f));
        assertThat(plane[2]).isEqualTo(-7);
        assertThat(plane[3]).isEqualTo(-7);
    }

    @Test
    void resizingAveragesAreasAndKeepsTheFramesPlace() {
        byte[] rgb = new byte[4 * 4 * 3];
        for (int i = 0; i < 16; i++) {
            rgb[3 * i + 1] = (byte) (i % 4 < 2 ? 0 : 200);
        }
        ImageFrame frame = new ImageFrame(4, 4, rgb, 7, java.time.Duration.ofSeconds(3));
        ImageFrame small = ImageTensors.resize(frame, 1, 2);
        assertThat(small.rgb()).containsExactly(0, 100, 0, 0, 100, 0);
        assertThat(small.index()).isEqualTo(7);
        assertThat(small.timestamp()).isEqualTo(java.time.Duration.ofSeconds(3));
    }

    @Test
    void aRegionWiderThanTheInputIsRejected() {
        ImageRegion wide = ImageRegion.of(new Point(0, 0), new Point(4, 0), new Point(0, 2), 8, 2);
        assertThatThrownBy(() -> redPlane(wide, 4, 2)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    private static float[] redPlane(Letterbox box, Resampling resampling) {
        float[] out = new float[3 * box.targetWidth() * box.targetHeight()];
        ImageTensors.pack(counting(), box, resampling, Normalization.RAW, TensorLayout.NCHW, out, 0);
        return java.util.Arrays.copyOf(out, box.targetWidth() * box.targetHeight());
    }

    @Test
    void alignedCornersSampleAsTensorFlowsResizeBilinearDoes() {
        // tf.image.resizeBilinear([[0,10,20,30],[40,50,60,70]], [3, 7], alignCorners=true)
        assertThat(redPlane(Letterbox.stretch(4, 2, 7, 3), Resampling.BILINEAR_ALIGN_CORNERS)).containsExactly(
                0, 5, 10, 15, 20, 25, 30,
                20, 25, 30, 35, 40, 45, 50,
                40, 45, 50, 55, 60, 65, 70);
    }

    @Test
    void alignedCornersRefuseAPaddedLetterbox() {
        assertThatThrownBy(() -> redPlane(Letterbox.fit(4, 2, 4, 4), Resampling.BILINEAR_ALIGN_CORNERS))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("without padding");
    }

    @Test
    void aRegionReachingPastTheFrameIsPaddedBlackAndMapsBackToFramePixels() {
        Letterbox crop = Letterbox.region(4, 2, 2, 0, 4, 2, 4, 2);
        assertThat(redPlane(crop, Resampling.AREA_OR_BILINEAR)).containsExactly(20, 30, 0, 0, 60, 70, 0, 0);
        assertThat(crop.toSourceX(0)).isEqualTo(2);
        assertThat(crop.toSourceX(4)).isEqualTo(6);
        assertThat(crop.toSourceY(2)).isEqualTo(2);
    }

    @Test
    void aSquareRegionOfAWideFrameIsCentredInTheInput() {
        Letterbox box = Letterbox.region(1280, 720, 100, 200, 400, 200, 192, 192);
        assertThat(box.scaleX()).isEqualTo(192 / 400.0);
        assertThat(box.toSourceX(0)).isCloseTo(100, within(1e-9));
        assertThat(box.toSourceY(48)).isCloseTo(200, within(1e-9));
        assertThat(box.toSourceY(144)).isCloseTo(400, within(1e-9));
    }

    /** A frame of one-pixel vertical stripes (0 and 200 in every channel) over a horizontal ramp. */
    private static ImageFrame stripesOverRamp(int width, int height) {
        byte[] rgb = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int value = (x % 2 == 0 ? 0 : 200) / 2 + 50 * x / width;
                rgb[3 * (y * width + x)] = (byte) value;
                rgb[3 * (y * width + x) + 1] = (byte) value;
                rgb[3 * (y * width + x) + 2] = (byte) value;
            }
        }
        return ImageFrame.ofRgb(width, height, rgb);
    }

    private static float[] packed(ImageFrame frame, Resampling resampling, int side) {
        float[] out = new float[side * side * 3];
        ImageTensors.pack(frame, Letterbox.fit(frame.width(), frame.height(), side, side), resampling, Normalization.RAW,
                TensorLayout.NHWC, out, 0);
        return out;
    }

    @Test
    void sampledAreaAveragingFiltersLikeExactAveragingWhenShrinkingALot() {
        ImageFrame frame = stripesOverRamp(1280, 1280);
        float[] exact = packed(frame, Resampling.AREA_OR_BILINEAR, 128);
        float[] sampled = packed(frame, Resampling.AREA_SAMPLED_OR_BILINEAR, 128);
        for (int i = 0; i < exact.length; i++) {
            // one-pixel stripes average out (no aliasing to 0 or 100) and the ramp is kept
            assertThat(sampled[i]).as("value %d", i).isCloseTo(exact[i], within(2f));
        }
        assertThat(exact[0]).isCloseTo(50f, within(1f));
        assertThat(exact[3 * 127]).isCloseTo(100f, within(1f));
    }

    @Test
    void sampledAreaAveragingIsBilinearWhenNotShrinkingMuch() {
        ImageFrame frame = stripesOverRamp(200, 200);
        assertThat(packed(frame, Resampling.AREA_SAMPLED_OR_BILINEAR, 128)).containsExactly(packed(frame, Resampling.AREA_OR_BILINEAR, 128));
    }

    @Test
    void aRegionShrunkAtLeastTwiceIsBoxFilteredLikeAreaAveraging() {
        byte[] rgb = new byte[400 * 240 * 3];
        new java.util.Random(7).nextBytes(rgb);
        ImageFrame frame = ImageFrame.ofRgb(400, 240, rgb);
        // an axis-aligned 4x shrink: every output pixel's box is exactly its 4x4 source pixels
        ImageRegion quarter = ImageRegion.of(new Point(0, 0), new Point(400, 0), new Point(0, 240), 100, 60);
        float[] boxed = new float[100 * 60 * 3];
        ImageTensors.pack(frame, quarter, Normalization.RAW, TensorLayout.NHWC, boxed, 0, 100, 60);
        float[] area = new float[100 * 60 * 3];
        ImageTensors.pack(frame, Letterbox.stretch(400, 240, 100, 60), Normalization.RAW, TensorLayout.NHWC, area, 0);
        for (int i = 0; i < area.length; i++) {
            assertThat(boxed[i]).as("value %d", i).isCloseTo(area[i], within(1e-3f));
        }
    }

    @Test
    void aRegionShrunkByAWholeFactorIsTheMeanOfEachBlock() {
        // 3x: every pixel of each 3x3 block
        assertEachOutputPixelIsTheMeanOfItsBlock(3, new int[] {0, 1, 2});
    }

    @Test
    void aRegionShrunkMoreThanFourTimesAveragesAnEvenlySpacedFourByFourGridOfEachBlock() {
        // 7x: rows and columns 0, 2, 4, 6 of each 7x7 block
        assertEachOutputPixelIsTheMeanOfItsBlock(7, new int[] {0, 2, 4, 6});
    }

    /**
     * Shrinks a random 301×200 frame k times on both axes from (1, 2): output pixel (u, v) must be
     * the mean of the {@code grid} rows and columns of source block (1 + k·u.., 2 + k·v..).
     */
    private static void assertEachOutputPixelIsTheMeanOfItsBlock(int k, int[] grid) {
        byte[] rgb = new byte[301 * 200 * 3];
        new java.util.Random(k).nextBytes(rgb);
        ImageFrame frame = ImageFrame.ofRgb(301, 200, rgb);
        int width = 300 / k;
        int height = 198 / k;
        ImageRegion region = ImageRegion.of(new Point(1, 2), new Point(1 + k * width, 2), new Point(1, 2 + k * height), width, height);
        float[] out = new float[width * height * 3];
        ImageTensors.pack(frame, region, Normalization.RAW, TensorLayout.NHWC, out, 0, width, height);
        for (int v = 0; v < height; v += 5) {
            for (int u = 0; u < width; u += 3) {
                for (int c = 0; c < 3; c++) {
                    int sum = 0;
                    for (int dy : grid) {
                        for (int dx : grid) {
                            sum += rgb[3 * ((2 + k * v + dy) * 301 + 1 + k * u + dx) + c] & 0xFF;
                        }
                    }
                    assertThat(out[3 * (v * width + u) + c]).as("k %d u %d v %d c %d", k, u, v, c)
                            .isCloseTo(sum / (float) (grid.length * grid.length), within(1e-3f));
                }
            }
        }
    }

    @Test
    void aTurnedShrunkRegionStaysInsideTheFrameAndKeepsAFlatColour() {
        byte[] rgb = new byte[300 * 300 * 3];
        java.util.Arrays.fill(rgb, (byte) 90);
        ImageFrame frame = ImageFrame.ofRgb(300, 300, rgb);
        // turned 15 degrees and reaching past the frame's edge: edges are repeated, so the colour stays flat
        double c = Math.cos(Math.toRadians(15)) * 320;
        double s = Math.sin(Math.toRadians(15)) * 320;
        ImageRegion turned = ImageRegion.of(new Point(0, -20), new Point(c, s - 20), new Point(-s, c - 20), 64, 64);
        float[] out = new float[64 * 64 * 3];
        ImageTensors.pack(frame, turned, Normalization.RAW, TensorLayout.NHWC, out, 0, 64, 64);
        for (float value : out) {
            assertThat(value).isCloseTo(90f, within(1e-3f));
        }
    }
}
