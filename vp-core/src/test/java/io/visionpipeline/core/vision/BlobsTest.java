package io.visionpipeline.core.vision;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BlobsTest {

    private static float[] map(String... rows) {
        float[] map = new float[rows.length * rows[0].length()];
        for (int y = 0; y < rows.length; y++) {
            for (int x = 0; x < rows[y].length(); x++) {
                char c = rows[y].charAt(x);
                map[y * rows[0].length() + x] = c == '.' ? 0.1f : (c - '0') / 10f;
            }
        }
        return map;
    }

    @Test
    void findsEightConnectedRegionsInRasterOrderWithTheirMeanAndBounds() {
        float[] m = map(
                "99......",
                "..9...55",
                "...9..55",
                "........",
                "7.......");
        List<Blobs.Blob> blobs = Blobs.find(m, 8, 5, 0.3f, 10);
        assertThat(blobs).hasSize(3);
        Blobs.Blob diagonal = blobs.get(0);
        assertThat(diagonal.pixels()).isEqualTo(4);
        assertThat(diagonal.mean()).isCloseTo(0.9, within(1e-6));
        assertThat(List.of(diagonal.minX(), diagonal.minY(), diagonal.maxX(), diagonal.maxY())).containsExactly(0, 0, 3, 2);
        assertThat(blobs.get(1).pixels()).isEqualTo(4);
        assertThat(blobs.get(1).mean()).isCloseTo(0.5, within(1e-6));
        assertThat(blobs.get(2).minY()).isEqualTo(4);
    }

    @Test
    void theOutlineHoldsTheEndsOfEveryRowAtPixelCentres() {
        Blobs.Blob blob = Blobs.find(map(
                ".999.",
                "99999",
                "..9.."), 5, 3, 0.3f, 10).get(0);
        assertThat(blob.outline()).containsExactly(1.5, 0.5, 3.5, 0.5, 0.5, 1.5, 4.5, 1.5, 2.5, 2.5, 2.5, 2.5);
    }

    @Test
    void stopsAtTheMostBlobsAsked() {
        assertThat(Blobs.find(map("9.9.9.9"), 7, 1, 0.3f, 2)).hasSize(2);
        assertThat(Blobs.find(map("......."), 7, 1, 0.3f, 2)).isEmpty();
    }
}
