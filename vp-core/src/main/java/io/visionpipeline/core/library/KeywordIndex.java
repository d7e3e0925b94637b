package io.visionpipeline.core.library;

import io.visionpipeline.core.index.TopK;
import io.visionpipeline.index.EntryMetadata;
import io.visionpipeline.index.IndexFilter;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * BM25 keyword ranking over the library's text documents: catches exact words, names and numbers
 * ("platform 4", "EXIT") that a sentence embedding blurs. Lower-cased word tokens, a short
 * stop-word list, no stemming. Not thread-safe: the library guards it.
 */
final class KeywordIndex {
    private static final double K1 = 1.2;
    private static final double B = 0.75;
    private static final Set<String> STOP = Set.of("a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "is",
            "are", "was", "were", "be", "it", "this", "that", "with", "as", "by", "from", "what", "when", "where", "who",
            "does", "do", "did", "about", "how", "which", "there", "their", "they", "he", "she", "we", "you", "i");

    private record Doc(String id, EntryMetadata metadata, Map<String, Integer> tf, int length) {
    }

    private final Map<String, Doc> docs = new LinkedHashMap<>();
    private final Map<String, Integer> df = new HashMap<>();
    private long totalLength;

    /** A ranked document. */
    record Hit(String id, double score, EntryMetadata metadata) {
    }

    static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        for (String t : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
            if (!t.isEmpty() && !STOP.contains(t)) {
                out.add(t);
            }
        }
        return out;
    }

    void add(String id, String text, EntryMetadata metadata) {
        remove(id);
        Map<String, Integer> tf = new HashMap<>();
        List<String> tokens = tokens(text);
        tokens.forEach(t -> tf.merge(t, 1, Integer::sum));
        tf.keySet().forEach(t -> df.merge(t, 1, Integer::sum));
        docs.put(id, new Doc(id, metadata, tf, tokens.size()));
        totalLength += tokens.size();
    }

    void remove(String id) {
        Doc d = docs.remove(id);
        if (d != null) {
            totalLength -= d.length();
            d.tf().keySet().forEach(t -> df.computeIfPresent(t, (k, v) -> v == 1 ? null : v - 1));
        }
    }

    void removeIf(Predicate<EntryMetadata> which) {
        docs.values().stream().filter(d -> which.test(d.metadata())).map(Doc::id).toList().forEach(this::remove);
    }

    int size() {
        return docs.size();
    }

    List<Hit> search(String query, int k, IndexFilter filter) {
        List<String> terms = tokens(query).stream().distinct().filter(df::containsKey).toList();
        if (terms.isEmpty() || docs.isEmpty()) {
            return List.of();
        }
        double avg = (double) totalLength / docs.size();
        double[] idf = terms.stream().mapToDouble(t -> Math.log(1 + (docs.size() - df.get(t) + 0.5) / (df.get(t) + 0.5))).toArray();
        List<Doc> all = new ArrayList<>(docs.values());
        TopK top = new TopK(k);
        for (int i = 0; i < all.size(); i++) {
            Doc d = all.get(i);
            double score = 0;
            for (int t = 0; t < terms.size(); t++) {
                Integer f = d.tf().get(terms.get(t));
                if (f != null) {
                    score += idf[t] * f * (K1 + 1) / (f + K1 * (1 - B + B * d.length() / avg));
                }
            }
            if (score > 0 && filter.test(d.metadata())) {
                top.offer(i, (float) score);
            }
        }
        int[] ordinals = new int[top.size()];
        float[] scores = new float[top.size()];
        int n = top.drainBestFirst(ordinals, scores);
        List<Hit> hits = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Doc d = all.get(ordinals[i]);
            hits.add(new Hit(d.id(), scores[i], d.metadata()));
        }
        return hits;
    }
}
