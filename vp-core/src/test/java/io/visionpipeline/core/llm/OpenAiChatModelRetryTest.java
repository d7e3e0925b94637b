package io.visionpipeline.core.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.visionpipeline.llm.ChatMessage;
import io.visionpipeline.llm.ChatRequest;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModelException;
import io.visionpipeline.llm.LanguageModels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OpenAI-compatible client against real HTTP servers on 127.0.0.1 that misbehave in scripted
 * ways: failing twice before answering, answering malformed JSON, refusing a bad request.
 * (The client against a real model behind {@code vp serve} is tested in vp-backend-cpu.)
 */
@Timeout(60)
class OpenAiChatModelRetryTest {
    private static final String GOOD = "{\"id\":\"x\",\"object\":\"chat.completion\",\"model\":\"m\","
            + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"Hello [1]\"},\"finish_reason\":\"stop\"}]}";

    private record Reply(int status, String body) {
    }

    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> authorization = new ArrayList<>();

    private String serve(IntFunction<Reply> script) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/chat/completions", (HttpExchange ex) -> {
            ex.getRequestBody().readAllBytes();
            authorization.add(ex.getRequestHeaders().getFirst("Authorization"));
            Reply r = script.apply(requests.incrementAndGet());
            byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(r.status(), bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static OpenAiChatModel client(String url) {
        return OpenAiChatModel.builder(url).model("m").apiKey("sk-test-secret").backoff(Duration.ofMillis(20)).build();
    }

    @Test
    void aServerThatAnswers500TwiceThen200IsRetried() throws IOException {
        String url = serve(n -> n <= 2 ? new Reply(500, "{\"error\":{\"message\":\"overloaded\"}}") : new Reply(200, GOOD));
        try (OpenAiChatModel llm = client(url)) {
            ChatResponse r = llm.chat(ChatRequest.of(ChatMessage.user("hi")));
            assertThat(r.text()).isEqualTo("Hello [1]");
            assertThat(r.finishReason()).isEqualTo("stop");
        }
        assertThat(requests.get()).isEqualTo(3);
        assertThat(authorization).containsOnly("Bearer sk-test-secret");
    }

    @Test
    void tooManyRequestsIsRetriedButGivesUpAfterTheRetryBudgetNamingTheEndpoint() throws IOException {
        String url = serve(n -> new Reply(429, "slow down"));
        try (OpenAiChatModel llm = OpenAiChatModel.builder(url).model("m").maxRetries(2).backoff(Duration.ofMillis(10)).build()) {
            assertThatThrownBy(() -> llm.chat(ChatRequest.of(ChatMessage.user("hi"))))
                    .isInstanceOf(LanguageModelException.class)
                    .hasMessageContaining(url + "/chat/completions failed after 3 attempt(s): HTTP 429: slow down");
        }
        assertThat(requests.get()).isEqualTo(3);
    }

    @Test
    void aMalformedResponseGivesAClearErrorWithoutRetrying() throws IOException {
        String url = serve(n -> new Reply(200, "{\"choices\": [ {\"message\": "));
        try (OpenAiChatModel llm = client(url)) {
            assertThatThrownBy(() -> llm.chat(ChatRequest.of(ChatMessage.user("hi"))))
                    .isInstanceOf(LanguageModelException.class)
                    .hasMessageContaining("Malformed response from " + url + "/chat/completions: not JSON")
                    .message().doesNotContain("sk-test-secret");
        }
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void validJsonThatIsNotACompletionIsMalformedToo() throws IOException {
        String url = serve(n -> new Reply(200, "{\"object\":\"list\",\"data\":[]}"));
        try (OpenAiChatModel llm = client(url)) {
            assertThatThrownBy(() -> llm.chat(ChatRequest.of(ChatMessage.user("hi"))))
                    .isInstanceOf(LanguageModelException.class).hasMessageContaining("no choices[0].message.content");
        }
    }

    @Test
    void aClientErrorIsNotRetried() throws IOException {
        String url = serve(n -> new Reply(401, "{\"error\":{\"message\":\"bad key\"}}"));
        try (LanguageModel llm = LanguageModels.open(url, io.visionpipeline.stage.StageOptions.of("model", "m"))) {
            assertThatThrownBy(() -> llm.chat(ChatRequest.of(ChatMessage.user("hi"))))
                    .isInstanceOf(LanguageModelException.class).hasMessageContaining("HTTP 401");
        }
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void anUnreachableServerFailsAfterRetriesWithinTheTimeout() throws IOException {
        String url;
        try (var socket = new java.net.ServerSocket(0)) {
            url = "http://127.0.0.1:" + socket.getLocalPort() + "/v1"; // closed again: nobody listens
        }
        try (OpenAiChatModel llm = OpenAiChatModel.builder(url).model("m").maxRetries(1).backoff(Duration.ofMillis(10))
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> llm.chat(ChatRequest.of(ChatMessage.user("hi"))))
                    .isInstanceOf(LanguageModelException.class).hasMessageContaining("failed after 2 attempt(s)")
                    .hasMessageContaining("ConnectException");
        }
    }
}
