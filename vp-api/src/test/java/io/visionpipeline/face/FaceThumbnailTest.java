package io.visionpipeline.face;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FaceThumbnailTest {

    @Test
    void encodesOnlyWhenFirstAskedAndOnceForConcurrentCallers() throws Exception {
        AtomicInteger encodings = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        FaceThumbnail thumbnail = FaceThumbnail.encodedWhenAsked(() -> {
            encodings.incrementAndGet();
            return new byte[] {(byte) 0xFF, (byte) 0xD8};
        });
        assertThat(encodings).hasValue(0);
        assertThat(thumbnail).hasToString("FaceThumbnail[not yet encoded]");
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<byte[]>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit(() -> ask(start, thumbnail)));
            }
            start.countDown();
            for (Future<byte[]> r : results) {
                assertThat(r.get()).isSameAs(thumbnail.jpeg()).containsExactly(0xFF, 0xD8);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(encodings).hasValue(1);
        assertThat(thumbnail).hasToString("FaceThumbnail[2 B JPEG]");
    }

    private static byte[] ask(CountDownLatch start, FaceThumbnail thumbnail) throws InterruptedException {
        start.await();
        return thumbnail.jpeg();
    }

    @Test
    void aFailedEncodingIsTriedAgainOnTheNextCall() {
        AtomicInteger calls = new AtomicInteger();
        FaceThumbnail thumbnail = FaceThumbnail.encodedWhenAsked(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("encoder busy");
            }
            return new byte[] {7};
        });
        assertThatThrownBy(thumbnail::jpeg).hasMessage("encoder busy");
        assertThat(thumbnail.jpeg()).containsExactly(7);
    }

    @Test
    void anEncodedThumbnailGivesItsBytes() {
        byte[] jpeg = {1, 2, 3};
        assertThat(FaceThumbnail.ofJpeg(jpeg).jpeg()).isSameAs(jpeg);
        assertThatThrownBy(() -> FaceThumbnail.ofJpeg(null)).isInstanceOf(NullPointerException.class);
    }
}
