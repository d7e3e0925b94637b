package io.visionpipeline.core.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.visionpipeline.llm.ChatRequest;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModel;
import io.visionpipeline.llm.LanguageModelException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A client for OpenAI-compatible chat-completion servers: OpenAI, Ollama ({@code /v1}), vLLM,
 * llama.cpp's server, or {@code vp serve}. Plain JDK {@link HttpClient}; answers whole or
 * streamed (server-sent events); connect and request timeouts; retries on 429 and 5xx and on
 * connection failures with exponential backoff (honouring {@code Retry-After}); a malformed
 * answer is a {@link LanguageModelException} naming the endpoint. The API key comes from the
 * builder or from {@value #API_KEY_ENV} / {@value #OPENAI_KEY_ENV} and is never logged.
 *
 * <pre>{@code
 * try (OpenAiChatModel llm = OpenAiChatModel.builder("http://localhost:11434/v1").model("llama3.2").build()) {
 *     ChatResponse r = llm.chat(ChatRequest.of(ChatMessage.user("Say hi")));
 * }
 * }</pre>
 */
public final class OpenAiChatModel implements LanguageModel {
    /** Environment variable read for the API key first. */
    public static final String API_KEY_ENV = "VP_LLM_API_KEY";
    /** Environment variable read for the API key second. */
    public static final String OPENAI_KEY_ENV = "OPENAI_API_KEY";
    /** Default time for one whole request. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(2);
    /** Default retries after the first attempt. */
    public static final int DEFAULT_MAX_RETRIES = 3;
    /** Default wait before the first retry; doubled each time. */
    public static final Duration DEFAULT_BACKOFF = Duration.ofMillis(500);

    private static final Logger LOG = LoggerFactory.getLogger(OpenAiChatModel.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final URI modelsEndpoint;
    private final String apiKey;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration backoff;
    private final HttpClient http;
    private volatile String model;

    private OpenAiChatModel(Builder b) {
        String base = b.baseUrl.endsWith("/") ? b.baseUrl.substring(0, b.baseUrl.length() - 1) : b.baseUrl;
        if (base.endsWith("/chat/completions")) {
            base = base.substring(0, base.length() - "/chat/completions".length());
        }
        this.endpoint = URI.create(base + "/chat/completions");
        this.modelsEndpoint = URI.create(base + "/models");
        this.apiKey = b.apiKey;
        this.timeout = b.timeout;
        this.maxRetries = b.maxRetries;
        this.backoff = b.backoff;
        this.model = b.model;
        this.http = HttpClient.newBuilder().connectTimeout(b.connectTimeout).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /**
     * @param baseUrl the API base, e.g. {@code http://localhost:11434/v1} or {@code https://api.openai.com/v1}
     * @return a builder
     */
    public static Builder builder(String baseUrl) {
        return new Builder(baseUrl);
    }

    @Override
    public String name() {
        return model == null ? endpoint.toString() : model;
    }

    @Override
    public ChatResponse chat(ChatRequest request) {
        HttpResponse<String> response = send(request, false, HttpResponse.BodyHandlers.ofString());
        return OpenAiJson.parseResponse(endpoint.toString(), response.body());
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> tokens) {
        HttpResponse<Stream<String>> response = send(request, true, HttpResponse.BodyHandlers.ofLines());
        StringBuilder text = new StringBuilder();
        String answeredBy = model;
        String finish = "";
        boolean done = false;
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                String line = it.next();
                if (!line.startsWith("data:")) {
                    continue; // comments, event names, blank separators
                }
                String data = line.substring(5).trim();
                if (data.equals("[DONE]")) {
                    done = true;
                    break;
                }
                OpenAiJson.Chunk chunk = OpenAiJson.parseChunk(endpoint.toString(), data);
                if (!chunk.delta().isEmpty()) {
                    text.append(chunk.delta());
                    tokens.accept(chunk.delta());
                }
                answeredBy = chunk.model().isEmpty() ? answeredBy : chunk.model();
                finish = chunk.finishReason().isEmpty() ? finish : chunk.finishReason();
            }
        } catch (java.io.UncheckedIOException e) {
            throw new LanguageModelException("The stream from " + endpoint + " broke off: " + e.getCause().getMessage(), e);
        }
        if (!done && finish.isEmpty()) {
            throw new LanguageModelException("The stream from " + endpoint + " ended without [DONE] or a finish reason");
        }
        return new ChatResponse(text.toString(), answeredBy, finish);
    }

    private <T> HttpResponse<T> send(ChatRequest request, boolean stream, HttpResponse.BodyHandler<T> handler) {
        String body = OpenAiJson.request(modelName(), request, stream);
        HttpRequest.Builder http = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (apiKey != null && !apiKey.isBlank()) {
            http.header("Authorization", "Bearer " + apiKey);
        }
        return withRetries(http.build(), handler);
    }

    private <T> HttpResponse<T> withRetries(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        Duration wait = backoff;
        for (int attempt = 0; ; attempt++) {
            String problem;
            Duration retryAfter = null;
            try {
                HttpResponse<T> response = this.http.send(request, handler);
                int status = response.statusCode();
                if (status == 200) {
                    return response;
                }
                String errorBody = drain(response.body());
                problem = "HTTP " + status + (errorBody.isBlank() ? "" : ": " + abbreviate(errorBody));
                if (status != 429 && status < 500) {
                    throw new LanguageModelException(request.method() + " " + endpoint + " failed with " + problem);
                }
                retryAfter = response.headers().firstValue("Retry-After").flatMap(OpenAiChatModel::seconds).orElse(null);
            } catch (IOException e) {
                problem = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LanguageModelException("Interrupted while waiting for " + endpoint, e);
            }
            if (attempt >= maxRetries) {
                throw new LanguageModelException(endpoint + " failed after " + (attempt + 1) + " attempt(s): " + problem);
            }
            Duration pause = retryAfter != null ? retryAfter : wait;
            LOG.warn("{} answered {}; retry {} of {} in {} ms", endpoint, problem, attempt + 1, maxRetries, pause.toMillis());
            sleep(pause.plusMillis(ThreadLocalRandom.current().nextLong(1 + pause.toMillis() / 10)));
            wait = wait.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait.multipliedBy(2);
        }
    }

    /** The configured model, or the first one the server lists. */
    private String modelName() {
        String m = model;
        if (m != null) {
            return m;
        }
        HttpRequest.Builder list = HttpRequest.newBuilder(modelsEndpoint).timeout(timeout).GET();
        if (apiKey != null && !apiKey.isBlank()) {
            list.header("Authorization", "Bearer " + apiKey);
        }
        HttpResponse<String> response = withRetries(list.build(), HttpResponse.BodyHandlers.ofString());
        try {
            JsonNode first = JSON.readTree(response.body()).path("data").path(0).path("id");
            if (!first.isTextual()) {
                throw new LanguageModelException("No model configured and " + modelsEndpoint + " lists none: name one (--llm-model)");
            }
            model = first.asText();
            LOG.info("Using model '{}' from {}", model, modelsEndpoint);
            return model;
        } catch (IOException e) {
            throw new LanguageModelException("No model configured and " + modelsEndpoint + " answered something that is not JSON: name one (--llm-model)", e);
        }
    }

    private static String drain(Object body) {
        try {
            if (body instanceof String s) {
                return s;
            }
            if (body instanceof Stream<?> lines) {
                try (lines) {
                    return String.join("\n", lines.map(Object::toString).toList());
                }
            }
            if (body instanceof InputStream in) {
                try (in) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (IOException | RuntimeException e) {
            return "";
        }
        return "";
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 300 ? t.substring(0, 300) + "…" : t;
    }

    private static java.util.Optional<Duration> seconds(String header) {
        try {
            return java.util.Optional.of(Duration.ofSeconds(Math.min(60, Long.parseLong(header.trim()))));
        } catch (NumberFormatException e) {
            return java.util.Optional.empty();
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LanguageModelException("Interrupted while waiting to retry", e);
        }
    }

    @Override
    public void close() {
        // the JDK client on Java 17 has no close(); its connections end with it
    }

    @Override
    public String toString() {
        return "OpenAiChatModel[" + endpoint + ", model=" + model + ", key=" + (apiKey == null || apiKey.isBlank() ? "none" : "set") + "]";
    }

    /** Configures an {@link OpenAiChatModel}; methods are named after what they set. */
    public static final class Builder {
        private final String baseUrl;
        private String apiKey = firstNonBlank(System.getenv(API_KEY_ENV), System.getenv(OPENAI_KEY_ENV));
        private String model;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration backoff = DEFAULT_BACKOFF;

        private Builder(String baseUrl) {
            Objects.requireNonNull(baseUrl, "baseUrl");
            if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
                throw new IllegalArgumentException("The base URL must start with http:// or https://, got '" + baseUrl + "'");
            }
            this.baseUrl = baseUrl;
        }

        /**
         * @param key the API key (default: {@value #API_KEY_ENV} or {@value #OPENAI_KEY_ENV}); never logged
         * @return this builder
         */
        public Builder apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /**
         * @param name the model to ask for (default: the first the server lists)
         * @return this builder
         */
        public Builder model(String name) {
            this.model = name == null || name.isBlank() ? null : name;
            return this;
        }

        /**
         * @param value the most time one request may take
         * @return this builder
         */
        public Builder timeout(Duration value) {
            this.timeout = positive(value, "timeout");
            return this;
        }

        /**
         * @param value the most time connecting may take
         * @return this builder
         */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = positive(value, "connectTimeout");
            return this;
        }

        /**
         * @param retries retries after the first attempt on 429, 5xx and connection failures
         * @return this builder
         */
        public Builder maxRetries(int retries) {
            if (retries < 0) {
                throw new IllegalArgumentException("maxRetries must be >= 0: " + retries);
            }
            this.maxRetries = retries;
            return this;
        }

        /**
         * @param first wait before the first retry; doubled for each next one (up to 20 s)
         * @return this builder
         */
        public Builder backoff(Duration first) {
            this.backoff = Objects.requireNonNull(first, "backoff");
            return this;
        }

        /** @return the client */
        public OpenAiChatModel build() {
            return new OpenAiChatModel(this);
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }

        private static String firstNonBlank(String a, String b) {
            return a != null && !a.isBlank() ? a : b;
        }
    }
}
