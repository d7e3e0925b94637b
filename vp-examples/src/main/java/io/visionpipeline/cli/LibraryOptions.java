package io.visionpipeline.cli;

import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.index.IndexFilter;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the library is and which part of it to search, shared by {@code vp index/search/ask}. */
final class LibraryOptions {

    @Option(names = "--library", required = true, paramLabel = "<dir>", description = "The library folder.")
    Path library;

    @Option(names = "--text-model", paramLabel = "<model>",
            description = "Text embedding model for a new library: all-minilm-l6-v2-q (default), bge-small-en-v15-q, e5-small-v2-q. "
                    + "An existing library keeps the model it was made with.")
    String textModel;

    @Option(names = "--media", paramLabel = "<id>", split = ",", description = "Only search these media (ids as listed by index).")
    List<String> media = List.of();

    @Option(names = "--kind", paramLabel = "<kind>", split = ",", description = "Only these kinds of hits, e.g. moment,transcript,ocr.")
    List<String> kinds = List.of();

    /**
     * @param mustExist whether the folder must already hold a library
     * @return the opened library
     */
    MediaLibrary open(boolean mustExist) {
        if (mustExist && !Files.isRegularFile(library.resolve("library.json"))) {
            throw new IllegalArgumentException("No library in " + library + ": create one with  vp index <media> --library " + library);
        }
        MediaLibrary.Builder builder = MediaLibrary.builder(library);
        if (textModel != null) {
            builder.textModel(textModel);
        }
        return builder.build();
    }

    /** @return the filter the --media and --kind options describe */
    IndexFilter filter() {
        return new IndexFilter(java.util.Set.copyOf(media), java.util.Set.copyOf(kinds), null, null);
    }
}
