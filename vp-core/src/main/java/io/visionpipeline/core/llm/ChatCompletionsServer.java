package io.visionpipeline.core.llm;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.visionpipeline.VisionPipelineException;
import io.visionpipeline.llm.ChatResponse;
import io.visionpipeline.llm.LanguageModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Serves a {@link LanguageModel} over the OpenAI chat-completions API, so any OpenAI client can
 * use a local GGUF model: {@code POST /v1/chat/completions} (whole or {@code "stream": true}
 * server-sent events) and {@code GET /v1/models}. This is what {@code vp serve} runs.
 *
 * <pre>{@code
 * try (LanguageModel llm = LanguageModels.open("model.gguf");
 *      ChatCompletionsServer server = ChatCompletionsServer.start(llm, new InetSocketAddress("127.0.0.1", 8080))) {
 *     // http://127.0.0.1:8080/v1 now answers like an OpenAI server
 * }
 * }</pre>
 */
public final class ChatCompletionsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionsServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final LanguageModel model;

    private ChatCompletionsServer(HttpServer server, ExecutorService executor, LanguageModel model) {
        this.server = server;
        this.executor = executor;
        this.model = model;
    }

    /**
     * @param model   the model to serve (not closed by the server)
     * @param address where to listen; port 0 picks a free one
     * @return the running server
     * @throws VisionPipelineException when the address cannot be bound
     */
    public static ChatCompletionsServer start(LanguageModel model, InetSocketAddress address) {
        HttpServer http;
        try {
            http = HttpServer.create(address, 0);
        } catch (IOException e) {
            throw new VisionPipelineException("Cannot listen on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4);
        ChatCompletionsServer server = new ChatCompletionsServer(http, executor, model);
        http.createContext("/v1/chat/completions", server::completions);
        http.createContext("/v1/models", server::models);
        http.setExecutor(executor);
        http.start();
        LOG.info("Serving {} on {}", model.name(), server.baseUrl());
        return server;
    }

    /** @return the base URL clients use, e.g. {@code http://127.0.0.1:8080/v1} */
    public String baseUrl() {
        InetSocketAddress a = server.getAddress();
        return "http://" + a.getHostString() + ":" + a.getPort() + "/v1";
    }

    private void models(HttpExchange exchange) throws IOException {
        String body = "{\"object\":\"list\",\"data\":[{\"id\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(model.name())
                + ",\"object\":\"model\",\"owned_by\":\"visionpipeline\"}]}";
        send(exchange, 200, "application/json", body);
    }

    private void completions(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, "application/json", OpenAiJson.error("use POST", "invalid_request_error"));
                return;
            }
            OpenAiJson.Request request;
            try {
                request = OpenAiJson.parseRequest(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                send(exchange, 400, "application/json", OpenAiJson.error(e.getMessage(), "invalid_request_error"));
                return;
            }
            String id = "chatcmpl-" + UUID.randomUUID();
            try {
                if (request.stream()) {
                    stream(exchange, id, request);
                } else {
                    ChatResponse answer = model.chat(request.chat());
                    send(exchange, 200, "application/json", OpenAiJson.response(id, answer));
                }
            } catch (VisionPipelineException e) {
                LOG.warn("Chat completion failed: {}", e.getMessage());
                send(exchange, 500, "application/json", OpenAiJson.error(e.getMessage(), "server_error"));
            }
        }
    }

    private void stream(HttpExchange exchange, String id, OpenAiJson.Request request) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        OutputStream out = exchange.getResponseBody();
        ChatResponse answer = model.stream(request.chat(), piece -> event(out, OpenAiJson.chunk(id, model.name(), piece, null)));
        event(out, OpenAiJson.chunk(id, answer.model(), null, answer.finishReason().isEmpty() ? "stop" : answer.finishReason()));
        event(out, "[DONE]");
    }

    private static void event(OutputStream out, String data) {
        try {
            out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("the client went away", e);
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Stops listening and waits briefly for requests in flight. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
