package io.visionpipeline.cpu.embedding;

import io.visionpipeline.embedding.Embedders;
import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.embedding.TextEmbedder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Paraphrase search with each text model: every sentence of {@link ParaphraseSet} is embedded as a
 * document, every paraphrase as a query, and the query's own sentence must rank first among all
 * 220. The measured share is logged; the floor per model is what the issue asks of MiniLM (0.90)
 * and, for the others, just under what they were measured at here.
 */
class ParaphraseRankingTest {
    private static final Logger LOG = LoggerFactory.getLogger(ParaphraseRankingTest.class);

    @ParameterizedTest(name = "{0} ranks the paraphrased sentence first in >= {1} of queries")
    @CsvSource({"all-minilm-l6-v2-q, 0.90", "bge-small-en-v15-q, 0.90", "e5-small-v2-q, 0.90"})
    void paraphrasedQueriesFindTheirSentenceFirst(String model, double floor) {
        List<ParaphraseSet.Pair> pairs = ParaphraseSet.pairs();
        try (TextEmbedder embedder = Embedders.text(model)) {
            List<Embedding> docs = embedder.embedAll(pairs.stream().map(ParaphraseSet.Pair::sentence).toList());
            int first = 0;
            for (int q = 0; q < pairs.size(); q++) {
                Embedding query = embedder.embedQuery(pairs.get(q).query());
                int best = 0;
                for (int d = 1; d < docs.size(); d++) {
                    if (query.cosine(docs.get(d)) > query.cosine(docs.get(best))) {
                        best = d;
                    }
                }
                if (best == q) {
                    first++;
                } else {
                    LOG.info("{} missed: '{}' -> '{}' instead of '{}'", model, pairs.get(q).query(), pairs.get(best).sentence(), pairs.get(q).sentence());
                }
            }
            double share = first / (double) pairs.size();
            LOG.info(String.format(Locale.ROOT, "PARAPHRASE %s: %d of %d queries rank their sentence first (%.3f)", model, first, pairs.size(), share));
            assertThat(embedder.dimension()).isEqualTo(384);
            assertThat(share).as("top-1 share for %s", model).isGreaterThanOrEqualTo(floor);
        }
    }
}
