package io.visionpipeline.core.library;

import io.visionpipeline.embedding.Embedding;
import io.visionpipeline.library.LibraryDocuments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Collects what the {@link io.visionpipeline.library.ReportIndexer}s find in one report, and turns
 * the facts into per-moment descriptions: facts at the same media time are joined ("2 people;
 * on-screen text 'EXIT'; speech: …"), and consecutive times with the same description merge into
 * one moment spanning them.
 */
final class MomentCollector implements LibraryDocuments {
    /** A text to embed and keyword-index. */
    record TextDoc(String kind, Duration start, Duration end, String text) {
    }

    /** A ready-made vector. */
    record VectorDoc(String kind, Duration at, Embedding vector, String snippet) {
    }

    private final List<TextDoc> texts = new ArrayList<>();
    private final List<VectorDoc> vectors = new ArrayList<>();
    private final Map<Duration, Set<String>> facts = new TreeMap<>();

    @Override
    public void text(String kind, Duration start, Duration end, String text) {
        if (text != null && !text.isBlank()) {
            texts.add(new TextDoc(kind, start, end, text.strip()));
        }
    }

    @Override
    public void vector(String kind, Duration at, Embedding vector, String snippet) {
        vectors.add(new VectorDoc(kind, at, vector, snippet));
    }

    @Override
    public void fact(Duration at, String fact) {
        facts.computeIfAbsent(at, t -> new LinkedHashSet<>()).add(fact);
    }

    /** @return the texts, then one moment document per run of identical descriptions */
    List<TextDoc> documents() {
        List<TextDoc> out = new ArrayList<>(texts);
        String current = null;
        Duration start = null;
        Duration last = null;
        for (Map.Entry<Duration, Set<String>> e : facts.entrySet()) {
            String description = String.join("; ", e.getValue());
            if (!description.equals(current)) {
                if (current != null) {
                    out.add(new TextDoc(MediaLibrary.MOMENT, start, last, current));
                }
                current = description;
                start = e.getKey();
            }
            last = e.getKey();
        }
        if (current != null) {
            out.add(new TextDoc(MediaLibrary.MOMENT, start, last, current));
        }
        return out;
    }

    List<VectorDoc> vectors() {
        return vectors;
    }
}
