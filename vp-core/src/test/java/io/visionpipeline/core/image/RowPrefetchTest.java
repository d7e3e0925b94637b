package io.visionpipeline.core.image;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;

/** Fetching ahead reads only the frame's bytes, whatever span a caller asks for near its edges. */
class RowPrefetchTest {

    @Test
    void aSpanReachingPastEitherEndOfTheFrameReadsOnlyTheFrame() {
        byte[] rgb = new byte[3 * 10 * 4];
        assertThatCode(() -> {
            RowPrefetch.touch(rgb, -90, 30);
            RowPrefetch.touch(rgb, 100, rgb.length + 500);
            RowPrefetch.touch(rgb, rgb.length + 1, rgb.length + 64);
            RowPrefetch.touch(rgb, 50, 10);
        }).doesNotThrowAnyException();
    }
}
