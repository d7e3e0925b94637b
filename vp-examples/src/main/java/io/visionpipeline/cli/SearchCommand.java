package io.visionpipeline.cli;

import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.library.SearchHit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code vp search}: find moments, transcript lines and on-screen text in a library. */
@Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Search a library by meaning; prints one hit per line: rank, score, media @ time, kind, snippet.")
final class SearchCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "<query>", description = "What to look for, in words.")
    private String query;

    @Mixin
    private LibraryOptions library;

    @Option(names = {"-k", "--hits"}, defaultValue = "10", paramLabel = "<n>", description = "How many hits (default: ${DEFAULT-VALUE}).")
    private int k;

    @Override
    public Integer call() {
        try (MediaLibrary lib = library.open(true)) {
            List<SearchHit> hits = lib.search(query, k, library.filter());
            if (hits.isEmpty()) {
                System.out.println("no hits");
            }
            for (int i = 0; i < hits.size(); i++) {
                System.out.println(line(i + 1, hits.get(i)));
            }
        }
        return 0;
    }

    static String line(int rank, SearchHit h) {
        return String.format(Locale.ROOT, "%2d. %.3f  %s @ %s  %-10s %s", rank, h.score(), h.media(), h.time(), h.kind(), h.snippet());
    }
}
