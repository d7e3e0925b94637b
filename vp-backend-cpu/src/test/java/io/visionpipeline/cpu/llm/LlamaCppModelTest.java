package io.visionpipeline.cpu.llm;

import io.visionpipeline.core.llm.ChatCompletionsServer;
import io.visionpipeline.core.llm.OpenAiChatModel;
import io.visionpipeline.llm.ChatMessage;
import io.visionpipeline.llm.ChatRequest;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModels;
import io.visionpipeline.model.ModelUnavailableException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Generation through llama.cpp's native path on a generated GGUF, directly and behind the OpenAI-compatible server. */
@Timeout(120)
class LlamaCppModelTest {

    private static Path tinyModel() {
        return TinyLlamaGguf.cached();
    }

    @Test
    void generatesTheWiredAnswerWholeAndStreamed() {
        try (LanguageModel llm = LanguageModels.open(tinyModel().toString())) {
            assertThat(llm).isInstanceOf(LlamaCppModel.class);
            ChatRequest request = ChatRequest.of(ChatMessage.system("Answer with citations."), ChatMessage.user("How many people?"))
                    .withMaxTokens(32);
            assertThat(llm.chat(request).text()).isEqualTo(TinyLlamaGguf.ANSWER);
            List<String> pieces = new ArrayList<>();
            ChatResponse streamed = llm.stream(request, pieces::add);
            assertThat(pieces).hasSizeGreaterThan(5);
            assertThat(String.join("", pieces).strip()).isEqualTo(TinyLlamaGguf.ANSWER);
            assertThat(streamed.finishReason()).isEqualTo("stop");
            assertThat(llm.chat(request.withMaxTokens(3)).finishReason()).isEqualTo("length");
        }
    }

    @Test
    void theOpenAiClientTalksToARealServerOverTheEmbeddedModel() {
        try (LanguageModel local = LanguageModels.open(tinyModel().toString());
             ChatCompletionsServer server = ChatCompletionsServer.start(local, new InetSocketAddress("127.0.0.1", 0));
             LanguageModel remote = LanguageModels.open(server.baseUrl())) {
            assertThat(remote).isInstanceOf(OpenAiChatModel.class);
            ChatRequest request = ChatRequest.of(ChatMessage.user("Who is on screen?")).withMaxTokens(32);
            ChatResponse whole = remote.chat(request);
            assertThat(whole.text()).isEqualTo(TinyLlamaGguf.ANSWER);
            assertThat(remote.name()).isEqualTo("tiny-llama-v1.gguf"); // discovered through /v1/models
            StringBuilder streamed = new StringBuilder();
            ChatResponse r = remote.stream(request, streamed::append);
            assertThat(streamed.toString().strip()).isEqualTo(TinyLlamaGguf.ANSWER);
            assertThat(r.finishReason()).isEqualTo("stop");
        }
    }

    @Test
    void aTruncatedOrMissingGgufIsAClearErrorNotACrash(@TempDir Path dir) throws Exception {
        byte[] good = Files.readAllBytes(tinyModel());
        Path truncated = Files.write(dir.resolve("truncated.gguf"), Arrays.copyOf(good, good.length / 2));
        assertThatThrownBy(() -> LanguageModels.open(truncated.toString())).isInstanceOf(ModelUnavailableException.class)
                .hasMessageContaining(truncated.toString());
        assertThatThrownBy(() -> LanguageModels.open(dir.resolve("missing.gguf").toString()))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("does not exist");
    }

    @Test
    void aGgufUrlNeedsPermissionToDownload() {
        assertThatThrownBy(() -> LanguageModels.open("https://example.invalid/models/qwen.gguf",
                io.visionpipeline.stage.StageOptions.of("models.allowDownloads", "false")))
                .isInstanceOf(ModelUnavailableException.class).hasMessageContaining("downloads are off")
                .hasMessageContaining("qwen.gguf");
    }
}
