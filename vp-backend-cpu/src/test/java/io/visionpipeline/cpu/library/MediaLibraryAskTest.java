package io.visionpipeline.cpu.library;

import io.visionpipeline.VisionPipeline;
import io.visionpipeline.core.library.MediaLibrary;
import io.visionpipeline.core.llm.ChatCompletionsServer;
import io.visionpipeline.cpu.llm.TinyLlamaGguf;
import io.visionpipeline.library.Answer;
import io.visionpipeline.library.Citation;
import io.visionpipeline.library.SearchHit;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModels;
import io.visionpipeline.report.MediaReport;
import io.visionpipeline.sampling.FrameSampling;
import io.visionpipeline.testing.TestMedia;
import io.visionpipeline.testing.TestVideos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ask() end to end: two videos analysed by the real face pipeline, indexed with MiniLM, and
 * answered by llama.cpp on the generated GGUF, both in-process and through the OpenAI-compatible
 * server. The model's answer cites [1] (a retrieved excerpt) and [99] (none): only [1] is kept.
 */
@Timeout(300)
class MediaLibraryAskTest {
    private static List<MediaReport> reports;

    @BeforeAll
    static void analyseTwoVideos() {
        Path slideshow = TestVideos.slideshow("ask-astronaut-chelsea.mp4", 320, 240, 10, List.of(
                new TestVideos.Scene(TestMedia.skimage("astronaut.png"), Duration.ofSeconds(2)),
                new TestVideos.Scene(TestMedia.skimage("chelsea.png"), Duration.ofSeconds(2))));
        try (VisionPipeline pipeline = VisionPipeline.builder().sampling(FrameSampling.every(Duration.ofSeconds(1))).faces().build()) {
            reports = List.of(pipeline.analyze(TestMedia.opencv("Megamind.avi")), pipeline.analyze(slideshow));
        }
    }

    private static void checkCitations(Answer answer, Map<String, MediaReport> byMedia) {
        assertThat(answer.retrieved()).isNotEmpty();
        assertThat(answer.citations()).extracting(Citation::number).containsExactly(1);
        assertThat(answer.droppedCitations()).isEqualTo(1);
        assertThat(answer.text()).contains("[1]").doesNotContain("[99]");
        for (Citation c : answer.citations()) {
            SearchHit hit = c.hit();
            assertThat(hit).isEqualTo(answer.retrieved().get(c.number() - 1));
            MediaReport report = byMedia.get(hit.media());
            assertThat(report).as("cited media %s is one of the analysed videos", hit.media()).isNotNull();
            assertThat(report.frames()).as("cited time is a sampled frame of that video")
                    .anyMatch(f -> f.timestamp().equals(hit.timestamp()));
        }
    }

    @Test
    void askCitesOnlyExcerptsThatExistInBothTheEmbeddedAndTheServedModel(@TempDir Path dir) {
        Map<String, MediaReport> byMedia = reports.stream().collect(Collectors.toMap(r -> r.media().mediaId(), r -> r));
        try (MediaLibrary library = MediaLibrary.open(dir)) {
            reports.forEach(library::add);
            assertThat(library.media()).hasSize(2);
            List<SearchHit> people = library.search("a close-up of one person", 3);
            assertThat(people).isNotEmpty().allMatch(h -> h.kind().equals(MediaLibrary.MOMENT));
            assertThat(people.get(0).snippet()).startsWith("1 person visible (close-up");
            assertThat(library.search("nobody is there", 1).get(0).snippet()).isEqualTo("no people visible");

            try (LanguageModel local = LanguageModels.open(TinyLlamaGguf.cached().toString())) {
                Answer answer = library.ask("How many people are on screen?", local);
                checkCitations(answer, byMedia);
                assertThat(answer.text()).isEqualTo("Two people are on screen [1] and.");
                try (ChatCompletionsServer server = ChatCompletionsServer.start(local, new InetSocketAddress("127.0.0.1", 0));
                     LanguageModel remote = LanguageModels.open(server.baseUrl())) {
                    checkCitations(library.ask("How many people are on screen?", remote), byMedia);
                }
            }
        }
        assertThat(TinyLlamaGguf.ANSWER).contains("[1]", "[99]");
    }
}
