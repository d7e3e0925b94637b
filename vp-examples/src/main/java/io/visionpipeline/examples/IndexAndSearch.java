package io.visionpipeline.examples;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.library.SearchHit;
import io.visionpipeline.media.MediaSource;
import io.visionpipeline.report.AnalysisResult;
import io.visionpipeline.sampling.FrameSampling;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Index a folder and search it: every media's faces, poses and on-screen text go into a library
 * folder (vectors plus documents, saved on disk), then a query finds the moments that match.
 *
 * <pre>
 * ./vp example index-and-search /usr/share/doc/opencv-doc/examples/data "a person close up" my-library
 * </pre>
 */
public final class IndexAndSearch {
    private IndexAndSearch() {
    }

    /**
     * @param args the folder to index, the query, and the library folder (default {@code vp-library})
     */
    public static void main(String[] args) {
        Path folder = Path.of(args[0]);
        String query = args.length > 1 ? args[1] : "a person close up";
        Path libraryDir = Path.of(args.length > 2 ? args[2] : "vp-library");
        try (VisionPipeline vp = VisionPipeline.builder()
                .sampling(FrameSampling.every(Duration.ofSeconds(1)))
                .faces()
                .pose()
                .ocr()
                .build();
             MediaLibrary library = MediaLibrary.open(libraryDir)) {
            for (AnalysisResult result : vp.analyzeAll(List.of(MediaSource.of(folder)))) {
                if (result.isSuccess()) {
                    int documents = library.add(result.report());
                    System.out.println("indexed " + result.report().media().mediaId() + " (" + documents + " documents)");
                } else {
                    System.out.println("skipped " + result.source().id() + ": " + result.error().getMessage());
                }
            }
            System.out.println("search: " + query);
            for (SearchHit hit : library.search(query, 5)) {
                System.out.println("  " + hit);
            }
        }
    }
}
