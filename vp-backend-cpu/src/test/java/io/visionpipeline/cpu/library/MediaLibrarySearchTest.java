package io.visionpipeline.cpu.library;

import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.cpu.embedding.ParaphraseSet;
import io.visionpipeline.embedding.Embedders;
import io.visionpipeline.embedding.TextEmbedder;
import io.visionpipeline.index.IndexFilter;
import io.visionpipeline.library.ReportIndexer;
import io.visionpipeline.library.SearchHit;
import io.visionpipeline.media.MediaInfo;
import io.visionpipeline.media.MediaKind;
import io.visionpipeline.report.MediaReport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Search quality and bookkeeping of the media library, with the real MiniLM embedder. Spoken
 * sentences come in through an indexer that stands in for the transcript stage (not built yet):
 * media {@code talk-N.mp4} says sentences 10·N … 10·N+9 of {@link ParaphraseSet}, one every 5 s.
 */
class MediaLibrarySearchTest {
    private static final Logger LOG = LoggerFactory.getLogger(MediaLibrarySearchTest.class);
    private static final List<ParaphraseSet.Pair> PAIRS = ParaphraseSet.pairs();
    private static TextEmbedder embedder;

    /** Stands in for the transcript indexer: each talk says ten sentences of the paraphrase set. */
    static final ReportIndexer SPOKEN = new ReportIndexer() {
        @Override
        public String name() {
            return "test-transcript";
        }

        @Override
        public void index(MediaReport report, io.visionpipeline.library.LibraryDocuments out) {
            String id = report.media().mediaId();
            int talk = Integer.parseInt(id.substring(id.indexOf('-') + 1, id.indexOf('.')));
            for (int i = 0; i < 10 && talk * 10 + i < PAIRS.size(); i++) {
                Duration at = Duration.ofSeconds(5L * i);
                out.text("transcript", at, at.plusSeconds(4), PAIRS.get(talk * 10 + i).sentence());
            }
        }
    };

    @BeforeAll
    static void load() {
        embedder = Embedders.text();
    }

    @AfterAll
    static void close() {
        embedder.close();
    }

    static MediaReport talk(int n) {
        return MediaReport.builder(new MediaInfo("talk-" + n + ".mp4", MediaKind.AUDIO, "wav", Duration.ofSeconds(50), 0, 0, 0, 0, "", "pcm"))
                .build();
    }

    private static MediaLibrary library(Path dir, double keywordWeight) {
        MediaLibrary library = MediaLibrary.builder(dir).textEmbedder(embedder).indexer(SPOKEN).keywordWeight(keywordWeight).build();
        for (int n = 0; n * 10 < PAIRS.size(); n++) {
            library.add(talk(n));
        }
        return library;
    }

    private static double topOne(MediaLibrary library, Function<Integer, String> query) {
        int right = 0;
        for (int i = 0; i < PAIRS.size(); i++) {
            SearchHit best = library.search(query.apply(i), 1).get(0);
            if (best.snippet().equals(PAIRS.get(i).sentence())) {
                right++;
            }
        }
        return right / (double) PAIRS.size();
    }

    /**
     * A keyword-style query, as someone who remembers two words types them: the rarest word of the
     * sentence and the rarest of the words it does not share with its subject's other sentences.
     */
    private static String keywords(int i) {
        List<String> words = List.of(PAIRS.get(i).sentence().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", "").split(" "));
        java.util.Comparator<String> rarity = java.util.Comparator.comparingLong((String w) -> PAIRS.stream()
                .filter(p -> List.of(p.sentence().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9 ]", "").split(" ")).contains(w)).count())
                .thenComparing(w -> w);
        List<String> ranked = words.stream().filter(w -> w.length() > 3).distinct().sorted(rarity).toList();
        if (ranked.size() < 2) {
            return String.join(" ", words);
        }
        String first = ranked.get(0);
        String second = ranked.stream().skip(1).filter(w -> PAIRS.stream().filter(p -> p.sentence().toLowerCase(Locale.ROOT).contains(first)
                && p.sentence().toLowerCase(Locale.ROOT).contains(w)).count() == 1).findFirst().orElse(ranked.get(1));
        return first + " " + second;
    }

    /**
     * Why vectors alone are the default: keyword ranking mixed in at weight 0.1 helps queries made
     * of two remembered words a little and hurts paraphrased queries more.
     */
    @Test
    void keywordRankingHelpsKeywordQueriesButCostsParaphrasesSoVectorsAloneAreTheDefault(@TempDir Path a, @TempDir Path b) {
        try (MediaLibrary vector = library(a, MediaLibrary.DEFAULT_KEYWORD_WEIGHT); MediaLibrary hybrid = library(b, 0.1)) {
            double vp = topOne(vector, i -> PAIRS.get(i).query());
            double hp = topOne(hybrid, i -> PAIRS.get(i).query());
            double vk = topOne(vector, MediaLibrarySearchTest::keywords);
            double hk = topOne(hybrid, MediaLibrarySearchTest::keywords);
            LOG.info(String.format(Locale.ROOT, "HYBRID top-1 over %d sentences: paraphrase queries vector %.3f hybrid %.3f; "
                    + "keyword queries vector %.3f hybrid %.3f (keyword weight 0.1)", PAIRS.size(), vp, hp, vk, hk));
            assertThat(MediaLibrary.DEFAULT_KEYWORD_WEIGHT).isZero();
            assertThat(vp).isGreaterThanOrEqualTo(0.90);
            assertThat(hk).as("keywords help keyword queries").isGreaterThan(vk);
            assertThat(vp - hp).as("paraphrase loss").isGreaterThan(hk - vk);
        }
    }

    @Test
    void searchHitsNameMediaTimeKindAndSnippetAndHonourFilters(@TempDir Path dir) {
        try (MediaLibrary library = library(dir, MediaLibrary.DEFAULT_KEYWORD_WEIGHT)) {
            SearchHit hit = library.search("the spending plan for this quarter will be shut for fixing work starting next week", 3).get(0);
            assertThat(hit.media()).isEqualTo("talk-0.mp4");
            assertThat(hit.timestamp()).isEqualTo(Duration.ofSeconds(10));
            assertThat(hit.kind()).isEqualTo("transcript");
            assertThat(hit.snippet()).isEqualTo("We will close the quarterly budget for repairs next week.");
            List<SearchHit> onlyTalk3 = library.search("residents complained", 5, IndexFilter.ALL.media("talk-3.mp4"));
            assertThat(onlyTalk3).isNotEmpty().allMatch(h -> h.media().equals("talk-3.mp4"));
            List<SearchHit> early = library.search("approved", 30, IndexFilter.ALL.between(Duration.ZERO, Duration.ofSeconds(4)));
            assertThat(early).isNotEmpty().allMatch(h -> h.timestamp().compareTo(Duration.ofSeconds(4)) <= 0);
        }
    }

    @Test
    void persistsReopensAndReplacesAMediaOnReAdd(@TempDir Path dir) {
        List<SearchHit> before;
        int size;
        try (MediaLibrary library = library(dir, MediaLibrary.DEFAULT_KEYWORD_WEIGHT)) {
            before = library.search("the town's leader vowed to enlarge the trucks that clear winter roads", 5);
            size = library.size();
            assertThat(library.media()).hasSize(22);
        }
        try (MediaLibrary reopened = MediaLibrary.builder(dir).textEmbedder(embedder).indexer(SPOKEN).build()) {
            assertThat(reopened.size()).isEqualTo(size);
            assertThat(reopened.search("the town's leader vowed to enlarge the trucks that clear winter roads", 5)).isEqualTo(before);
            reopened.add(talk(3));
            reopened.add(talk(3));
            assertThat(reopened.size()).isEqualTo(size);
            assertThat(reopened.remove("talk-3.mp4")).isTrue();
            assertThat(reopened.size()).isEqualTo(size - 10);
            assertThat(reopened.search("residents complained", 50)).noneMatch(h -> h.media().equals("talk-3.mp4"));
        }
    }
}
