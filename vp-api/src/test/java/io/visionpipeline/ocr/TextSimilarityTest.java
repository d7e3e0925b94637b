package io.visionpipeline.ocr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TextSimilarityTest {

    @Test
    void editDistanceCountsInsertionsDeletionsAndSubstitutionsOfCodePoints() {
        assertThat(TextSimilarity.editDistance("kitten", "sitting")).isEqualTo(3);
        assertThat(TextSimilarity.editDistance("", "abc")).isEqualTo(3);
        assertThat(TextSimilarity.editDistance("PARKING", "PARKING")).isZero();
        assertThat(TextSimilarity.editDistance("停车场", "停車场")).isEqualTo(1);
        assertThat(TextSimilarity.editDistance("a\uD83D\uDE00b", "ab")).isEqualTo(1);
    }

    @Test
    void normalizedDistanceIgnoresCaseWidthAndSpacing() {
        assertThat(TextSimilarity.normalizedDistance("Breaking  News", "BREAKING NEWS")).isZero();
        assertThat(TextSimilarity.normalizedDistance("Total：12", "total:12")).isZero();
        assertThat(TextSimilarity.normalizedDistance("abcd", "abce")).isCloseTo(0.25, within(1e-9));
        assertThat(TextSimilarity.normalizedDistance("", " ")).isZero();
        assertThat(TextSimilarity.normalizedDistance("abc", "xyz")).isEqualTo(1);
    }
}
